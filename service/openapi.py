"""Write the committed OpenAPI document deterministically: python -m service.openapi [PATH]."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from service.config import Settings
from service.main import create_app

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "openapi" / "openapi.json"


def openapi_document() -> dict[str, Any]:
    """Return the app's OpenAPI document (built without starting the app)."""
    return create_app(Settings(environment="test", database_url="sqlite://")).openapi()


def render() -> str:
    """Return the document as stable text: sorted keys, two-space indent, trailing newline."""
    return json.dumps(openapi_document(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the document to PATH (default openapi/openapi.json)."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else DEFAULT_PATH
    target.write_text(render(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
