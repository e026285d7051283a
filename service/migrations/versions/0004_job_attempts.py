"""Job attempts: how many times a worker started a job, so a job that keeps crashing its worker fails

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 04:10:00.000000

Existing jobs start at 0: a job left running by a crash is taken over as before, and counted from then.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.drop_column("attempts")
