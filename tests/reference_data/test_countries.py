"""Country resolution: codes, English and local names, raw-source spellings, and refusals."""

from __future__ import annotations

import pycountry
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reference_data.countries import resolve_country

ALPHA2 = sorted(c.alpha_2 for c in pycountry.countries)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("CN", "CN"),
        ("cn", "CN"),
        (" de ", "DE"),
        ("BRA", "BR"),
        ("076", "BR"),
        ("Germany", "DE"),
        ("Federal Republic of Germany", "DE"),
        ("Korea, Republic of", "KR"),
        ("South Korea", "KR"),
        ("Turkey (Türkiye)", "TR"),
        ("Türkiye", "TR"),
        ("Boliva", "BO"),
        ("Tajikstan", "TJ"),
        ("Burma", "MM"),
        ("Côte d'Ivoire", "CI"),
        ("Cote D'Ivoire", "CI"),
        ("Democratic Republic of the Congo", "CD"),
        ("Congo, Democratic Republic of the", "CD"),
        ("Congo (Brazzaville)", "CG"),
        ("DRC", "CD"),
        ("North Korea", "KP"),
        ("Taiwan", "TW"),
        ("Kosovo", "XK"),
        ("XK", "XK"),
        ("Laos&nbsp;", "LA"),
        ("The Gambia", "GM"),
        ("West Bank and the Gaza Strip", "PS"),
        ("中国", "CN"),
        ("中华人民共和国", "CN"),
        ("Deutschland", "DE"),
        ("Brasil", "BR"),
        ("España", "ES"),
        ("espana", "ES"),
        ("México", "MX"),
        ("Россия", "RU"),
        ("日本", "JP"),
        ("대한민국", "KR"),
        ("UK", "GB"),
        ("U.S.A.", "US"),
        ("united   states", "US"),
    ],
)
def test_resolve_country_known_forms(text: str, code: str) -> None:
    assert resolve_country(text) == code


@pytest.mark.parametrize("text", ["", "   ", "Narnia", "Korea", "Germani", "ZZ", "12345"])
def test_resolve_country_unknown_is_none(text: str) -> None:
    assert resolve_country(text) is None


@settings(max_examples=100)
@given(st.sampled_from(ALPHA2))
def test_resolve_country_alpha2_is_identity(code: str) -> None:
    assert resolve_country(code) == code
    assert resolve_country(code.lower()) == code


@settings(max_examples=100)
@given(st.sampled_from(ALPHA2))
def test_resolve_country_alpha3_and_name_agree(code: str) -> None:
    country = pycountry.countries.get(alpha_2=code)
    assert country is not None
    assert resolve_country(country.alpha_3) == code
    assert resolve_country(country.name) == code
