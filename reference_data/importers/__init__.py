"""Offline importers: raw public files in, canonical snapshot files plus manifest.yml out.

Run ``python -m reference_data.importers [--raw DIR] [--out DIR]``. One module per source; each exposes
``SPEC`` (provenance) and ``build(raw_root) -> SourceBuild``. Re-running on the same raw files gives
byte-identical output.
"""

from reference_data.importers.build import IMPORTERS, build_snapshot

__all__ = ["IMPORTERS", "build_snapshot"]
