"""Report tasks: job reports rendered in the background (POST /v1/jobs/{job_id}/reports)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 01:27:08.887051
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "report_task",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("tenant_id", sa.String(length=100), nullable=False),
        sa.Column("key_id", sa.String(length=32), nullable=False),
        sa.Column("job_id", sa.String(length=32), nullable=False),
        sa.Column("file_format", sa.String(length=10), nullable=False),
        sa.Column("min_tier", sa.String(length=10), nullable=False),
        sa.Column("sections", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("report_task", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_task_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_report_task_job_id"), ["job_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_report_task_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_report_task_tenant_id"), ["tenant_id"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("report_task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_task_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_report_task_status"))
        batch_op.drop_index(batch_op.f("ix_report_task_job_id"))
        batch_op.drop_index(batch_op.f("ix_report_task_created_at"))

    op.drop_table("report_task")
