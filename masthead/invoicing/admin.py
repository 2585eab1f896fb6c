from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from masthead.core.admin import ReadOnlyAdmin, breakable_email
from masthead.payments.models import BillingProfile

from .display import invoice_amount
from .forms import BillingProfileForm
from .models import CreditNote, Invoice


class TaxDocumentAdmin(ReadOnlyAdmin):
    """What an invoice and a credit note show alike: the tax split and the PDF."""

    @admin.display(description="CGST")
    def display_cgst(self, document):
        return invoice_amount(document.cgst)

    @admin.display(description="SGST")
    def display_sgst(self, document):
        return invoice_amount(document.sgst)

    @admin.display(description="IGST")
    def display_igst(self, document):
        return invoice_amount(document.igst)

    @admin.display(description="PDF")
    def pdf_link(self, document):
        # Short: the number beside it names the file, and a laptop shows the
        # whole list (tests/browser/test_admin_lists.py).
        return format_html('<a href="{}" download="{}">PDF</a>', document.get_pdf_url(), document.filename)


@admin.register(Invoice)
class InvoiceAdmin(TaxDocumentAdmin):
    """Invoices are read here, never written: an issued tax invoice is not edited.

    Corrections are made with a credit note, not by changing the invoice.
    """

    list_display = ["number", "issued_at", "buyer_name", "reader", "display_total", "pdf_link"]
    # Support looks a reader up by the address they write from.
    search_fields = ["number", "buyer_name", "buyer_gstin", "payment__subscription__user__email", "payment__gift__buyer__email"]
    date_hierarchy = "issued_at"
    list_filter = ["financial_year"]
    list_select_related = ["payment__subscription__user", "payment__gift__buyer"]
    fields = [
        "number", "financial_year", "sequence", "issued_at", "payment", "pdf_link",
        "buyer_name", "buyer_state_code", "buyer_gstin",
        "supplier_name", "supplier_address", "supplier_gstin", "supplier_state_code",
        "sac_code", "description", "gst_rate", "display_taxable", "display_cgst", "display_sgst", "display_igst",
        "display_total", "credit_note_links",
    ]  # fmt: skip
    readonly_fields = fields

    @admin.display(description="credit notes")
    def credit_note_links(self, invoice):
        links = [
            format_html('<a href="{}">{}</a>', reverse("admin:invoicing_creditnote_change", args=[note.pk]), note.number)
            for note in invoice.credit_notes.order_by("issued_at", "id")
        ]
        return format_html_join(", ", "{}", ((link,) for link in links)) or "None"

    @admin.display(description="reader", ordering="payment__subscription__user__email")
    def reader(self, invoice):
        return breakable_email(invoice.payment.payer.email)

    @admin.display(description="total", ordering="total_minor")
    def display_total(self, invoice):
        return invoice_amount(invoice.total)

    @admin.display(description="taxable value")
    def display_taxable(self, invoice):
        return invoice_amount(invoice.taxable)



@admin.register(CreditNote)
class CreditNoteAdmin(TaxDocumentAdmin):
    """Credit notes are read here, never written: each is issued by the
    refund it belongs to, and, like an invoice, never edited."""

    list_display = ["number", "issued_at", "invoice_number", "buyer", "display_total", "pdf_link"]
    search_fields = [
        "number", "invoice__number", "invoice__buyer_name", "invoice__buyer_gstin",
        "invoice__payment__subscription__user__email", "invoice__payment__gift__buyer__email",
    ]  # fmt: skip
    date_hierarchy = "issued_at"
    list_filter = ["financial_year", "reason"]
    list_select_related = ["invoice"]
    fields = [
        "number", "financial_year", "sequence", "issued_at", "invoice_link", "reason", "pdf_link",
        "buyer", "description", "gst_rate", "display_taxable", "display_cgst", "display_sgst", "display_igst",
        "display_total",
    ]  # fmt: skip
    readonly_fields = fields

    @admin.display(description="invoice", ordering="invoice__number")
    def invoice_number(self, credit_note):
        return credit_note.invoice.number

    @admin.display(description="invoice")
    def invoice_link(self, credit_note):
        url = reverse("admin:invoicing_invoice_change", args=[credit_note.invoice_id])
        return format_html('<a href="{}">{}</a>', url, credit_note.invoice.number)

    @admin.display(description="buyer", ordering="invoice__buyer_name")
    def buyer(self, credit_note):
        return credit_note.buyer_name

    @admin.display(description="total credited", ordering="total_minor")
    def display_total(self, credit_note):
        return invoice_amount(credit_note.total)

    @admin.display(description="taxable value credited")
    def display_taxable(self, credit_note):
        return invoice_amount(credit_note.taxable)



@admin.register(BillingProfile)
class BillingProfileAdmin(admin.ModelAdmin):
    """Support may correct a reader's name, state and GSTIN (checked as at
    checkout). Which customer and card the provider charges is set only by
    the provider's own answer at checkout or card change, and a profile is
    never deleted while its payments need it."""

    form = BillingProfileForm
    list_display = ["user", "name", "state_code", "gstin", "provider"]
    search_fields = ["user__email", "name", "gstin"]
    readonly_fields = ["user", "provider", "provider_customer_id", "provider_payment_method_id", "updated_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
