from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    name = "masthead.newsletters"
    label = "newsletters"
    verbose_name = "Newsletters"

    def ready(self):
        from masthead.subscriptions.benefits import benefit_check_register
        from masthead.subscriptions.models import Feature

        from .selectors import newsletters_offered

        benefit_check_register(Feature.NEWSLETTERS, newsletters_offered)
