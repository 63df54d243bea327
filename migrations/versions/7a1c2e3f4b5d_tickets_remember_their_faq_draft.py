"""tickets remember their FAQ draft: kb drafts proposes none again once staff have
discarded or merged it

Revision ID: 7a1c2e3f4b5d
Revises: 4ffbd0509a36
Create Date: 2026-12-06 22:40:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "7a1c2e3f4b5d"
down_revision = "4ffbd0509a36"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.add_column(sa.Column("drafted_at", sa.DateTime(), nullable=True))
    # A ticket with a draft (or an FAQ published from one) today was drafted.
    op.execute(
        "UPDATE ticket SET drafted_at = (SELECT min(faq.created_at) FROM faq"
        " WHERE faq.source_ticket_id = ticket.id)"
        " WHERE EXISTS (SELECT 1 FROM faq WHERE faq.source_ticket_id = ticket.id)"
    )


def downgrade():
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_column("drafted_at")
