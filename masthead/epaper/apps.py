from django.apps import AppConfig


class EpaperConfig(AppConfig):
    name = "masthead.epaper"
    label = "epaper"
    verbose_name = "E-paper"
