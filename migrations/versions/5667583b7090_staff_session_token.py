"""staff session token, so sessions can be ended

Revision ID: 5667583b7090
Revises: 9b1f0c2d7e41
Create Date: 2026-12-07 10:00:00.000000

"""

import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "5667583b7090"
down_revision = "9b1f0c2d7e41"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_token", sa.String(length=64), nullable=True))
    # A random token per existing account (as the model makes them). Sessions issued
    # before the upgrade carry no token in their id, so they end: staff log in again.
    staff = sa.table("staff_user", sa.column("id", sa.Integer), sa.column("session_token"))
    connection = op.get_bind()
    for (staff_id,) in connection.execute(sa.select(staff.c.id)).all():
        connection.execute(
            staff.update()
            .where(staff.c.id == staff_id)
            .values(session_token=secrets.token_urlsafe(32))
        )
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.alter_column("session_token", existing_type=sa.String(length=64), nullable=False)


def downgrade():
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.drop_column("session_token")
