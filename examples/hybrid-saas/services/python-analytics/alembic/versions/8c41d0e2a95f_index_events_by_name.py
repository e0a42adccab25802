"""index events by name

Revision ID: 8c41d0e2a95f
Revises: 3f2a9c1d7b4e
Create Date: 2025-02-10 14:02:47.093551

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '8c41d0e2a95f'
down_revision: Union[str, Sequence[str], None] = '3f2a9c1d7b4e'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_index('events_organization_id_name_idx', 'events', ['organization_id', 'name'], unique=False, schema='public')


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index('events_organization_id_name_idx', table_name='events', schema='public')
