from django.db import models

from masthead.newsroom.models import Article


class SearchEntry(models.Model):
    """An article in the search index, with what the filters need.

    The words themselves live beside it, where each engine wants them: an
    FTS5 table ``search_fts`` (rowid = article id) on SQLite, weighted
    ``document`` and ``public_document`` tsvector columns on this table on
    PostgreSQL (migrations 0001 and 0002).
    Written only through ``search.services``; deleting an article deletes
    its entry with it.
    """

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="search_entry")
    # Copied, not a foreign key: the filter reads it beside the words, and a
    # section change re-indexes the article anyway.
    section_id = models.BigIntegerField()
    publish_at = models.DateTimeField()
    # As the access decision sees the article (its own flag or its section's):
    # whether a reader may match its full text depends on them.
    is_premium = models.BooleanField(default=True)
    is_exempt = models.BooleanField(default=False)

    class Meta:
        db_table = "search_entry"
        verbose_name_plural = "search entries"
        indexes = [
            models.Index(fields=["publish_at"], name="search_entry_publish_at"),
            models.Index(fields=["section_id", "publish_at"], name="search_entry_section_time"),
        ]

    def __str__(self):
        return f"Search entry for article {self.article_id}"
