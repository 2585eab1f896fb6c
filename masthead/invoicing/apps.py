from django.apps import AppConfig


class InvoicingConfig(AppConfig):
    name = "masthead.invoicing"
    label = "invoicing"
    verbose_name = "Tax invoices"

    def ready(self):
        from . import checks  # noqa: F401 (registers the supplier settings check)
