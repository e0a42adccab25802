"""Alembic environment for python-analytics.

Only tables this service owns are migrated from here: tables of other services (organizations) and of
Supabase (auth.users) appear in the metadata so that foreign keys resolve, marked with an ``owner``.
"""

import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)

if url := os.environ.get("DATABASE_URL"):
    config.set_main_option("sqlalchemy.url", url)


def target_metadata():
    """The service's models, imported only when a database is there to compare them with: offline mode
    (``alembic upgrade --sql``, which kodo sync runs) renders the revisions alone and needs no models, so it
    works with any SQLAlchemy the migrations themselves support."""
    from analytics.models import Base

    return Base.metadata


def include_object(obj, name, type_, reflected, compare_to):
    """Skip tables another service or Supabase owns."""
    if type_ == "table" and obj.info.get("owner") not in (None, "python-analytics"):
        return False
    return True


def run_migrations_offline() -> None:
    """Render SQL without a database (``alembic upgrade head --sql``)."""
    context.configure(
        # The dialect alone, not the URL: rendering SQL needs no driver, so none has to be installed.
        dialect_name="postgresql",
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Apply to the scratch database named by DATABASE_URL."""
    connectable = engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata(),
            include_object=include_object,
            include_schemas=True,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
