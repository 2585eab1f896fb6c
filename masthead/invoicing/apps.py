from django.apps import AppConfig


class InvoicingConfig(AppConfig):
    name = "masthead.invoicing"
    label = "invoicing"
    verbose_name = "Tax invoices"

    def ready(self):
        from masthead.payments.services import on_payment_refunded

        from . import checks  # noqa: F401 (registers the supplier settings check)
        from .services import refund_credit_note

        # A refund of an invoiced payment issues its credit note inside the
        # refunding transaction; payments only calls its listeners.
        on_payment_refunded(refund_credit_note)
