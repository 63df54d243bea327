"""site greeting, set by staff (no longer taken from the embed URL)

Revision ID: c3d4e5f6a7b8
Revises: 5667583b7090
Create Date: 2026-12-06 15:20:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "c3d4e5f6a7b8"
down_revision = "5667583b7090"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("site", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("greeting", sa.String(length=200), nullable=False, server_default="")
        )


def downgrade():
    with op.batch_alter_table("site", schema=None) as batch_op:
        batch_op.drop_column("greeting")
