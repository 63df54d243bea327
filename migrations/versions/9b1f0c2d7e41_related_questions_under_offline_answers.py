"""related questions under offline answers

Revision ID: 9b1f0c2d7e41
Revises: 5a934283439c
Create Date: 2026-12-06 13:20:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "9b1f0c2d7e41"
down_revision = "5a934283439c"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("related_faqs", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.drop_column("related_faqs")
