"""PostgreSQL: each part's GIN indexes (the archive's and the recent
slice's) hold the entry's section beside its words (the btree_gin
extension, trusted: the database's owner may create it), so a search within
one section lists and fetches only that section's matches instead of every
match in the archive. Rebuilt here in one go (the table is locked for
writes meanwhile: at three million stories, about eight minutes). Nothing
on SQLite."""

from django.db import migrations

_PARTS = ("document", "public_document")


def _rebuild(schema_editor, *, with_section: bool):
    from masthead.search.backends.postgres import gin_index
    from masthead.search.backends.recent import current_since, index_name

    def create(name: str, part: str, where: str = "") -> str:
        if with_section:
            return gin_index(name, part, where=where)
        return f"CREATE INDEX {name} ON search_entry USING gin ({part}) {where}"

    with schema_editor.connection.cursor() as cursor:
        since = current_since(cursor)
    for part in _PARTS:
        schema_editor.execute(f"DROP INDEX IF EXISTS search_entry_{part}")
        schema_editor.execute(create(f"search_entry_{part}", part))
        if since is not None:
            schema_editor.execute(f"DROP INDEX IF EXISTS {index_name(part, since)}")
            schema_editor.execute(
                create(index_name(part, since), part, f"WHERE publish_at >= '{since.isoformat()}'::timestamptz")
            )


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    _rebuild(schema_editor, with_section=True)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _rebuild(schema_editor, with_section=False)


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0004_recent_slice"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
