from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "masthead.access"
    label = "access"
    verbose_name = "Access"

    def ready(self):
        from . import signals  # noqa: F401
