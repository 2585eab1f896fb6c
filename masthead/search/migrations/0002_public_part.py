"""Search respects the paywall: each entry gets its public part (headline,
standfirst, lead-in) beside the full text, and the facts the access scope
tests (premium, always free). Every live and scheduled article is indexed
afresh here, in the migration's transaction: the same work as
``manage.py search_rebuild`` (docs/commands.md), which may be run again at
any time."""

from django.db import migrations, models

SQLITE_OLD = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "headline, standfirst, body, tokenize = 'porter unicode61 remove_diacritics 2')"
)
SQLITE_NEW = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "headline, standfirst, lead_in, body, tokenize = 'porter unicode61 remove_diacritics 2')"
)
POSTGRES_ADD = [
    "ALTER TABLE search_entry ADD COLUMN public_document tsvector NOT NULL DEFAULT ''::tsvector",
    "CREATE INDEX search_entry_public_document ON search_entry USING gin (public_document)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_entry_public_document",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS public_document",
]


def _run(schema_editor, statements: dict):
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def add_public_part(apps, schema_editor):
    # An FTS5 table takes no new column: it is made again (and filled below).
    _run(schema_editor, {"sqlite": ["DROP TABLE search_fts", SQLITE_NEW], "postgresql": POSTGRES_ADD})


def drop_public_part(apps, schema_editor):
    _run(schema_editor, {"sqlite": ["DROP TABLE search_fts", SQLITE_OLD], "postgresql": POSTGRES_DROP})


def index_every_article(apps, schema_editor):
    from masthead.search.backends import search_backend
    from masthead.search.backends.base import document_for
    from masthead.newsroom.models import Article as CurrentArticle
    from masthead.search.services import indexed_articles

    # A historical model has fields but no properties: lend it the current
    # rules for what is premium and always free, as the index applies them.
    Article = apps.get_model("newsroom", "Article")
    Article.is_premium_story = CurrentArticle.is_premium_story
    Article.is_always_free_story = CurrentArticle.is_always_free_story
    articles = indexed_articles(Article).iterator(chunk_size=2000)
    search_backend().index(document_for(article) for article in articles)


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0001_initial"),
        ("newsroom", "0003_section_is_premium"),
    ]

    operations = [
        # Until indexed, an entry counts as premium: its body matches for subscribers only.
        migrations.AddField(model_name="searchentry", name="is_premium", field=models.BooleanField(default=True)),
        migrations.AddField(model_name="searchentry", name="is_exempt", field=models.BooleanField(default=False)),
        migrations.RunPython(add_public_part, drop_public_part),
        migrations.RunPython(index_every_article, migrations.RunPython.noop),
    ]
