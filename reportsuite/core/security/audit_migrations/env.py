"""Alembic environment of a service's audit trail, in the schema "<service>_audit".

Its version table is ``audit_alembic_version`` in that schema, so the audit chain never
interleaves with the service's own migrations.
"""

from alembic import context

VERSION_TABLE = "audit_alembic_version"

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=None,
    version_table=VERSION_TABLE,
    version_table_schema=context.config.attributes["schema"],
)
with context.begin_transaction():
    context.run_migrations()
