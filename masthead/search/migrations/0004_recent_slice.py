"""PostgreSQL: the newest stories' own GIN indexes (backends/recent.py):
the one-row table ``search_recent`` with where the slice starts, and the
partial indexes from there. Built here in one go (the table is locked for
writes meanwhile: at three million stories, about a minute); later moves
build beside the live ones. Nothing on SQLite, whose index hands out a
word's matches newest first already."""

from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from masthead.search.backends.recent import index_name, recent_since

    since = recent_since(timezone.now())
    schema_editor.execute("CREATE TABLE search_recent (since timestamptz NOT NULL)")
    schema_editor.execute("INSERT INTO search_recent (since) VALUES (%s)", [since])
    # The indexes as they were made then (0005 adds the section to them).
    for part in ("document", "public_document"):
        schema_editor.execute(
            f"CREATE INDEX {index_name(part, since)} ON search_entry USING gin ({part}) "
            f"WHERE publish_at >= '{since.isoformat()}'::timestamptz"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from masthead.search.backends.recent import current_since, index_name

    with schema_editor.connection.cursor() as cursor:
        since = current_since(cursor)
    if since is not None:
        for part in ("document", "public_document"):
            schema_editor.execute(f"DROP INDEX IF EXISTS {index_name(part, since)}")
    schema_editor.execute("DROP TABLE search_recent")


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0003_newest_first"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
