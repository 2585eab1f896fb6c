from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "masthead.newsroom"
    label = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from masthead.subscriptions.benefits import benefit_check_register
        from masthead.subscriptions.models import Feature
        from masthead.subscriptions.returns import story_finder_register

        from . import cache  # noqa: F401  (connects the invalidation signals)
        from .selectors import live_story_link, premium_section_stories, premium_stories_this_week

        benefit_check_register(Feature.PREMIUM, premium_stories_this_week)
        benefit_check_register(Feature.MARKET_ANALYSIS, premium_section_stories)
        story_finder_register(live_story_link)
