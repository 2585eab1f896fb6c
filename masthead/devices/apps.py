from django.apps import AppConfig


class DevicesConfig(AppConfig):
    name = "masthead.devices"
    label = "devices"
    verbose_name = "Logged-in devices"

    def ready(self):
        from . import signals  # noqa: F401  (names devices and keeps the limit at sign-in)
