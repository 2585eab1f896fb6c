from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "masthead.search"
    label = "search"
    verbose_name = "Archive search"

    def ready(self):
        from . import signals  # noqa: F401
