from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "masthead.desk"
    label = "desk"
    verbose_name = "Business desk"

    def ready(self):
        # Each flush of raw funnel events adds them to their days' rollups too.
        from masthead.metering.events import on_funnel_events_written

        from .funnel import funnel_counts_add

        on_funnel_events_written(funnel_counts_add)
