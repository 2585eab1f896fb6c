"""PostgreSQL: each entry's vectors hold its section as a lexeme of its own
(backends/postgres.py, ``section_lexeme``), so a search within one section
ANDs it into its words and the GIN index lists only that section's matches,
instead of every match in the archive being fetched to test its section.
Every entry's two vectors are rewritten here, in one statement (writes to
the index wait meanwhile; writing them afresh takes about eight minutes at
three million stories: run it at a quiet hour). Nothing on SQLite."""

from django.db import migrations


def _rewrite(schema_editor, change: str):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The words' counts do not change (the lexeme is no reader's word).
    schema_editor.execute("SELECT set_config('masthead.search_word_counts', 'off', true)")
    schema_editor.execute(
        f"UPDATE search_entry SET document = {change.format(column='document')}, "
        f"public_document = {change.format(column='public_document')}"
    )


def forwards(apps, schema_editor):
    _rewrite(schema_editor, "{column} || array_to_tsvector(ARRAY['section ' || section_id])")


def backwards(apps, schema_editor):
    _rewrite(schema_editor, "ts_delete({column}, 'section ' || section_id)")


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0004_recent_slice"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
