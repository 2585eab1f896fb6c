from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "masthead.newsroom"
    label = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from masthead.subscriptions.benefits import benefit_check_register
        from masthead.subscriptions.models import Feature

        from . import cache  # noqa: F401  (connects the invalidation signals)
        from .selectors import premium_section_stories, premium_stories_this_week

        benefit_check_register(Feature.PREMIUM, premium_stories_this_week)
        benefit_check_register(Feature.MARKET_ANALYSIS, premium_section_stories)
