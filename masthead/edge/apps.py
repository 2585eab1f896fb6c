from django.apps import AppConfig


class EdgeConfig(AppConfig):
    name = "masthead.edge"
    label = "edge"
    verbose_name = "Edge cache"

    def ready(self):
        from . import signals  # noqa: F401
