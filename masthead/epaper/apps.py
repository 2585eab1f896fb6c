from django.apps import AppConfig


class EpaperConfig(AppConfig):
    name = "masthead.epaper"
    label = "epaper"
    verbose_name = "E-paper"

    def ready(self):
        from masthead.subscriptions.benefits import benefit_check_register
        from masthead.subscriptions.models import Feature

        from .selectors import editions_available

        benefit_check_register(Feature.EPAPER, editions_available)
