"""`flscreen serve` and `flscreen keys ...`: run the API server and manage its API keys.

These two commands administer the server, so they are the one place the client package reaches into
`service` (the sanctioned exception in tests/test_layers.py): lazily, inside the commands, and only when the
`server` extra is installed, so the rest of the CLI works without FastAPI or SQLModel.
"""

from __future__ import annotations

import importlib.util
from types import ModuleType
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

_INSTALL_HINT = "the API server needs the server extra: pip install 'flscreen[server]'"
_err = Console(stderr=True, markup=False, highlight=False)
_out = Console()

keys_app = typer.Typer(
    help="Create, list and revoke API keys (stored hashed in the server database).", no_args_is_help=True
)


def _server_installed() -> bool:
    return all(
        importlib.util.find_spec(name) is not None for name in ("fastapi", "uvicorn", "sqlmodel", "alembic")
    )


def _admin() -> ModuleType:
    """Return the server's key-management module, or exit 2 with the install hint."""
    if not _server_installed():
        _err.print(f"error: {_INSTALL_HINT}")
        raise typer.Exit(2)
    from service import admin

    return admin


def serve_command(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
) -> None:
    """Start the REST API (SQLite file by default; FLSCREEN_DATABASE_URL selects PostgreSQL)."""
    if not _server_installed():
        _err.print(f"error: {_INSTALL_HINT}")
        raise typer.Exit(2)
    import uvicorn
    from pydantic import ValidationError

    from service.config import Settings

    try:
        Settings()  # a bad FLSCREEN_* setting is a usage error, said before the server starts
    except ValidationError as exc:
        problems = "; ".join(
            f"FLSCREEN_{'_'.join(str(p) for p in e['loc']).upper()}: {e['msg']}" for e in exc.errors()
        )
        _err.print(f"error: invalid server setting: {problems}")
        raise typer.Exit(2) from None
    uvicorn.run("service.main:create_app", factory=True, host=host, port=port, log_level="warning")


@keys_app.command("create")
def create(
    tenant: Annotated[str, typer.Option(help="Tenant the key belongs to (created on first use).")],
    scope: Annotated[
        list[str] | None,
        typer.Option(help="Scope: screen, read, review or admin (repeat; default screen and read)."),
    ] = None,
    name: Annotated[str, typer.Option(help="A label to recognise the key by.")] = "",
) -> None:
    """Create an API key and print it once; only its hash is stored."""
    admin = _admin()
    try:
        new = admin.create_key(tenant, scope or [], name)
    except ValueError as exc:
        _err.print(f"error: {exc}")
        raise typer.Exit(2) from None
    _err.print(
        f"key {new.key_id} for tenant {new.tenant_id}, scopes {' '.join(new.scopes)}; "
        "store it now, it is not shown again:"
    )
    typer.echo(new.token)


@keys_app.command("list")
def list_(
    tenant: Annotated[str | None, typer.Option(help="Only this tenant's keys.")] = None,
) -> None:
    """List keys: id, tenant, scopes, created and revoked times (never the tokens)."""
    table = Table("key id", "tenant", "name", "scopes", "created", "revoked")
    for key in _admin().list_keys(tenant):
        table.add_row(
            key.key_id, key.tenant_id, key.name, " ".join(key.scopes), key.created_at, key.revoked_at
        )
    _out.print(table)


@keys_app.command("revoke")
def revoke(key_id: Annotated[str, typer.Argument(help="Key id as shown by `flscreen keys list`.")]) -> None:
    """Revoke a key; requests with it are refused from then on."""
    if not _admin().revoke_key(key_id):
        _err.print(f"error: no live key with id {key_id}")
        raise typer.Exit(2)
    _err.print(f"revoked {key_id}")
