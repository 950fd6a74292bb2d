"""Alembic environment: always run with a connection handed in by ``persistence.db`` (never from an ini)."""

from alembic import context

from pbgdpl_desktop.persistence.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable by running the alembic CLI by hand
    raise RuntimeError("Run migrations through pbgdpl_desktop.persistence.db.open_database")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
