"""Keeps the index in step with the newsroom, whichever path saved the
article (admin, services, demo, import): every save goes through
``Article.save()`` and so through here, in the same transaction.

Not filtered by sender: the admin's "what goes live next" list saves through
a proxy model (UpcomingArticle), whose signals name the proxy.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from masthead.newsroom.models import Article, Section

from .services import article_index, article_unindex, section_flags_refresh


@receiver(post_save, dispatch_uid="search.article_saved")
def article_saved(sender, instance, raw=False, **kwargs):
    # Fixture loading (raw) writes rows as they are; search_rebuild indexes them.
    if isinstance(instance, Article) and not raw:
        article_index(article=instance)


@receiver(post_delete, dispatch_uid="search.article_deleted")
def article_deleted(sender, instance, **kwargs):
    if isinstance(instance, Article):
        article_unindex(article_id=instance.pk)


@receiver(post_save, sender=Section, dispatch_uid="search.section_saved")
def section_saved(sender, instance, created=False, raw=False, **kwargs):
    # A section made premium (or always free) changes what its articles'
    # readers may search: the entries' facts follow in the same transaction.
    if not created and not raw:
        section_flags_refresh(section=instance)
