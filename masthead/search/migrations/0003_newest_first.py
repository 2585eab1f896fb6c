"""Search ranks the newest matches (backends/base.py, RANKED_MATCHES), so
each engine needs its matches newest first, cheaply.

SQLite: the FTS5 rowid becomes the entry's publish time (whole seconds since
1970) times 2**31 plus the article id, so FTS5 hands out any word's matches
newest first and stops when enough are found. The table is made again and
every article indexed afresh, as ``search_rebuild`` would (docs/commands.md).

PostgreSQL: ``search_word`` keeps, per word (lexeme), how many entries hold
it in their full text and in their public part, kept up by a trigger on
``search_entry``; the empty word counts the entries. The engine reads it to
choose between walking newest first and the GIN index. The counts are a
guide to speed only, never to what is found.
"""

from django.db import migrations

SQLITE_FTS = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "headline, standfirst, lead_in, body, tokenize = 'porter unicode61 remove_diacritics 2')"
)

POSTGRES_CREATE = [
    "CREATE TABLE search_word (word text PRIMARY KEY, stories integer NOT NULL, public_stories integer NOT NULL)",
    # Statement by statement this adds the entry's words and takes away the
    # ones it had, in word order (two saves wait for each other rather than
    # deadlock). search_rebuild switches it off for its bulk writes and
    # counts afresh at the end (masthead.search_word_counts = 'off').
    """
    CREATE FUNCTION search_word_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF current_setting('masthead.search_word_counts', true) = 'off' THEN
            RETURN NULL;
        END IF;
        INSERT INTO search_word AS w (word, stories, public_stories)
        SELECT word, sum(stories), sum(public_stories) FROM (
            SELECT unnest(tsvector_to_array(CASE WHEN TG_OP <> 'DELETE' THEN NEW.document END)), 1, 0
            UNION ALL SELECT unnest(tsvector_to_array(CASE WHEN TG_OP <> 'DELETE' THEN NEW.public_document END)), 0, 1
            UNION ALL SELECT unnest(tsvector_to_array(CASE WHEN TG_OP <> 'INSERT' THEN OLD.document END)), -1, 0
            UNION ALL SELECT unnest(tsvector_to_array(CASE WHEN TG_OP <> 'INSERT' THEN OLD.public_document END)), 0, -1
            UNION ALL SELECT '', CASE TG_OP WHEN 'INSERT' THEN 1 WHEN 'DELETE' THEN -1 ELSE 0 END,
                CASE TG_OP WHEN 'INSERT' THEN 1 WHEN 'DELETE' THEN -1 ELSE 0 END
        ) AS change (word, stories, public_stories)
        GROUP BY word HAVING sum(stories) <> 0 OR sum(public_stories) <> 0
        ORDER BY word
        ON CONFLICT (word) DO UPDATE SET stories = w.stories + EXCLUDED.stories,
            public_stories = w.public_stories + EXCLUDED.public_stories;
        RETURN NULL;
    END
    $$
    """,
    "CREATE TRIGGER search_word_on_write AFTER INSERT OR DELETE ON search_entry "
    "FOR EACH ROW EXECUTE FUNCTION search_word_count()",
    "CREATE TRIGGER search_word_on_change AFTER UPDATE OF document, public_document ON search_entry FOR EACH ROW "
    "WHEN (OLD.document IS DISTINCT FROM NEW.document OR OLD.public_document IS DISTINCT FROM NEW.public_document) "
    "EXECUTE FUNCTION search_word_count()",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS search_word_on_change ON search_entry",
    "DROP TRIGGER IF EXISTS search_word_on_write ON search_entry",
    "DROP FUNCTION IF EXISTS search_word_count()",
    "DROP TABLE IF EXISTS search_word",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)
        from masthead.search.backends.postgres import count_words

        with schema_editor.connection.cursor() as cursor:
            count_words(cursor)
    elif vendor == "sqlite":
        schema_editor.execute("DROP TABLE search_fts")
        schema_editor.execute(SQLITE_FTS)
        schema_editor.execute("DELETE FROM search_entry")
        _index_every_article(apps)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in POSTGRES_DROP:
            schema_editor.execute(statement)
    elif vendor == "sqlite":
        # Back to rowid = article id: the earlier code's search_rebuild
        # fills the table again.
        schema_editor.execute("DROP TABLE search_fts")
        schema_editor.execute(SQLITE_FTS)
        schema_editor.execute("DELETE FROM search_entry")


def _index_every_article(apps):
    from masthead.newsroom.models import Article as CurrentArticle
    from masthead.search.backends import search_backend
    from masthead.search.backends.base import document_for
    from masthead.search.services import indexed_articles

    # As in 0002: the historical model borrows the current premium rules.
    Article = apps.get_model("newsroom", "Article")
    Article.is_premium_story = CurrentArticle.is_premium_story
    Article.is_always_free_story = CurrentArticle.is_always_free_story
    articles = indexed_articles(Article).iterator(chunk_size=2000)
    search_backend().index(document_for(article) for article in articles)


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0002_public_part"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
