from django.apps import AppConfig


class GiftsConfig(AppConfig):
    name = "masthead.gifts"
    label = "gifts"
    verbose_name = "Gift articles"
