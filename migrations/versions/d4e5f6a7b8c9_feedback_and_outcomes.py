"""'Did that help?' on replies, and each conversation's outcome

Revision ID: d4e5f6a7b8c9
Revises: c3d4e5f6a7b8
Create Date: 2026-12-06 16:20:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "d4e5f6a7b8c9"
down_revision = "c3d4e5f6a7b8"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("feedback", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("feedback_reason", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("feedback_comment", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("feedback_at", sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_message_feedback_at"), ["feedback_at"], unique=False)
    with op.batch_alter_table("chat_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outcome", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("outcome_at", sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_chat_session_outcome"), ["outcome"], unique=False)


def downgrade():
    with op.batch_alter_table("chat_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chat_session_outcome"))
        batch_op.drop_column("outcome_at")
        batch_op.drop_column("outcome")
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_feedback_at"))
        batch_op.drop_column("feedback_at")
        batch_op.drop_column("feedback_comment")
        batch_op.drop_column("feedback_reason")
        batch_op.drop_column("feedback")
