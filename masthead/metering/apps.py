from django.apps import AppConfig


class MeteringConfig(AppConfig):
    name = "masthead.metering"
    label = "metering"
    verbose_name = "Metered paywall"

    def ready(self):
        from . import signals  # noqa: F401
