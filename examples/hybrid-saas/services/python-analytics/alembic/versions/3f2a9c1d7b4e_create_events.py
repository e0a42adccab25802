"""create events

Revision ID: 3f2a9c1d7b4e
Revises:
Create Date: 2025-01-27 09:30:12.418203

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision: str = '3f2a9c1d7b4e'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        'events',
        sa.Column('id', postgresql.UUID(as_uuid=True), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('organization_id', postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column('user_id', postgresql.UUID(as_uuid=True), nullable=True),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('properties', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False),
        sa.Column('occurred_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint('char_length(name) between 1 and 200', name='events_name_length'),
        sa.CheckConstraint("jsonb_typeof(properties) = 'object'", name='events_properties_object'),
        sa.ForeignKeyConstraint(['organization_id'], ['public.organizations.id'], name='events_organization_id_fkey', ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['auth.users.id'], name='events_user_id_fkey', ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name='events_pkey'),
        schema='public'
    )
    op.create_index('events_organization_id_occurred_at_idx', 'events', ['organization_id', sa.literal_column('occurred_at DESC')], unique=False, schema='public')
    op.create_index('events_user_id_idx', 'events', ['user_id'], unique=False, schema='public')


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index('events_user_id_idx', table_name='events', schema='public')
    op.drop_index('events_organization_id_occurred_at_idx', table_name='events', schema='public')
    op.drop_table('events', schema='public')
