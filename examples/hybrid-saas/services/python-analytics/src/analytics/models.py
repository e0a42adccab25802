"""SQLAlchemy models of python-analytics.

``events`` is this service's table. ``organizations`` (node-api) and ``auth.users`` (Supabase) are
declared with only their keys so that foreign keys resolve; alembic/env.py never migrates them.
"""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Column, DateTime, ForeignKey, Index, Table, Text, Uuid, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


Table("organizations", Base.metadata, Column("id", Uuid, primary_key=True), schema="public", info={"owner": "node-api"})
Table("users", Base.metadata, Column("id", Uuid, primary_key=True), schema="auth", info={"owner": "supabase"})


class Event(Base):
    """One tracked action of a user in an organization."""

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint("char_length(name) between 1 and 200", name="events_name_length"),
        CheckConstraint("jsonb_typeof(properties) = 'object'", name="events_properties_object"),
        {"schema": "public", "info": {"owner": "python-analytics"}},
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, server_default=text("gen_random_uuid()"))
    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("public.organizations.id", ondelete="CASCADE", name="events_organization_id_fkey")
    )
    user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("auth.users.id", ondelete="SET NULL", name="events_user_id_fkey")
    )
    name: Mapped[str] = mapped_column(Text)
    properties: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=text("now()"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=text("now()"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=text("now()"))


Index("events_organization_id_occurred_at_idx", Event.organization_id, Event.occurred_at.desc())
Index("events_organization_id_name_idx", Event.organization_id, Event.name)
Index("events_user_id_idx", Event.user_id)
