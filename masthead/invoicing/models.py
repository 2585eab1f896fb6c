from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from masthead.core.money import Money

from .app_settings import default_sac_code
from .display import document_date
from .gst import GST_RATE, GstSplit, state_name


@dataclass(frozen=True)
class TaxLine:
    label: str  # "CGST", "SGST" or "IGST"
    rate: Decimal  # per cent
    amount: Money

    def __str__(self):
        return f"{self.label} @ {self.rate}%"


class InvoiceSequence(models.Model):
    """The last number handed out in one financial year.

    GST wants invoice numbers consecutive within a financial year: the row is
    locked while a number is taken and the invoice written, so a failed issue
    rolls the number back with it and no number is skipped or used twice.
    """

    financial_year = models.CharField(max_length=7, unique=True, help_text="April to March, e.g. 2026-27.")
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.financial_year}: {self.last_number}"


class TaxDocument:
    """What a tax invoice and a credit note share: their number's URL form,
    their amounts as Money, the tax lines, and the words the page and the PDF
    print around them (one template and one PDF drawing serve both)."""

    document_title = ""
    number_label = ""
    date_label = ""
    kind = ""  # "invoice", "credit note": in running text
    lines_caption = ""
    total_label = "Total"
    tax_note_label = "Amount includes GST"
    url_names = ("", "")  # (page, PDF)
    admin_list_url = ""

    def get_absolute_url(self) -> str:
        return reverse(self.url_names[0], kwargs={"slug": self.slug})

    def get_pdf_url(self) -> str:
        return reverse(self.url_names[1], kwargs={"slug": self.slug})

    @property
    def slug(self) -> str:
        """The number as a URL segment: ``MH-2627-000042``. Prefixes are
        letters and digits only, so it reads back to exactly one number."""
        return self.number.replace("/", "-")

    @property
    def filename(self) -> str:
        return f"{self.slug}.pdf"

    @property
    def references(self) -> list[tuple[str, str, str]]:
        """Further (label, value, link or "") lines under the number and date."""
        return []

    @property
    def discounted(self) -> bool:
        return False

    @property
    def total(self) -> Money:
        return Money(self.total_minor, self.currency)

    @property
    def taxable(self) -> Money:
        return Money(self.taxable_minor, self.currency)

    @property
    def cgst(self) -> Money:
        return Money(self.cgst_minor, self.currency)

    @property
    def sgst(self) -> Money:
        return Money(self.sgst_minor, self.currency)

    @property
    def igst(self) -> Money:
        return Money(self.igst_minor, self.currency)

    @property
    def tax(self) -> Money:
        return self.cgst + self.sgst + self.igst

    @property
    def intra_state(self) -> bool:
        return self.buyer_state_code == self.supplier_state_code

    @property
    def place_of_supply(self) -> str:
        """``"Maharashtra (27)"``."""
        return f"{state_name(self.buyer_state_code)} ({self.buyer_state_code})"

    @property
    def tax_lines(self) -> list[TaxLine]:
        """CGST and SGST at half the rate each within the supplier's state, else IGST."""
        if self.intra_state:
            half = Decimal(self.gst_rate) / 2
            return [TaxLine("CGST", half, self.cgst), TaxLine("SGST", half, self.sgst)]
        return [TaxLine("IGST", Decimal(self.gst_rate), self.igst)]


def _parts_add_up(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(total_minor=F("taxable_minor") + F("cgst_minor") + F("sgst_minor") + F("igst_minor")), name=name
    )


def _either_igst_or_cgst_sgst(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(igst_minor=0) | Q(cgst_minor=0, sgst_minor=0), name=name)


class Invoice(TaxDocument, models.Model):
    """A GST tax invoice for one successful payment.

    Everything printed on it is copied here when it is issued (buyer, supplier,
    SAC, amounts), so editing a billing profile, a plan or the supplier's
    settings never changes an invoice already issued.
    """

    number = models.CharField(max_length=16, unique=True)
    financial_year = models.CharField(max_length=7)
    sequence = models.PositiveIntegerField()
    issued_at = models.DateTimeField()
    payment = models.OneToOneField("payments.Payment", on_delete=models.PROTECT, related_name="invoice")

    # A reader's full name (150 + 1 + 150 characters) or, without one, their
    # e-mail address (254).
    buyer_name = models.CharField(max_length=301)
    buyer_state_code = models.CharField("place of supply", max_length=2)
    buyer_gstin = models.CharField("buyer GSTIN", max_length=15, blank=True)

    supplier_name = models.CharField(max_length=120)
    supplier_address = models.CharField(max_length=250)
    supplier_gstin = models.CharField("supplier GSTIN", max_length=15)
    supplier_state_code = models.CharField(max_length=2)

    sac_code = models.CharField("SAC", max_length=6, default=default_sac_code)
    description = models.CharField(max_length=250)
    gst_rate = models.PositiveSmallIntegerField("GST rate (%)", default=GST_RATE)
    total_minor = models.PositiveIntegerField("total (paise)")
    taxable_minor = models.PositiveIntegerField("taxable value (paise)")
    cgst_minor = models.PositiveIntegerField("CGST (paise)", default=0)
    sgst_minor = models.PositiveIntegerField("SGST (paise)", default=0)
    igst_minor = models.PositiveIntegerField("IGST (paise)", default=0)
    currency = models.CharField(max_length=3, default="INR")
    # A discount (CGST Rule 46): the value at the list price and what came
    # off it, both before tax; the tax is charged on the value after it.
    gross_minor = models.PositiveIntegerField("value before discount (paise)", default=0)
    discount_minor = models.PositiveIntegerField("discount (paise)", default=0)
    discount_label = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["financial_year", "sequence"], name="invoice_sequence_once_per_year"),
            _parts_add_up("invoice_parts_add_up_to_total"),
            _either_igst_or_cgst_sgst("invoice_either_igst_or_cgst_sgst"),
            models.CheckConstraint(
                condition=Q(discount_minor=0, gross_minor=0) | Q(gross_minor=F("taxable_minor") + F("discount_minor")),
                name="invoice_discount_adds_up",
            ),
        ]

    document_title = "Tax Invoice"
    kind = "invoice"
    number_label = "Invoice number"
    date_label = "Invoice date"
    lines_caption = "What was supplied"
    url_names = ("invoicing:detail", "invoicing:pdf")
    admin_list_url = "admin:invoicing_invoice_changelist"

    def __str__(self):
        return self.number

    @property
    def gross(self) -> Money:
        return Money(self.gross_minor, self.currency)

    @property
    def discount(self) -> Money:
        return Money(self.discount_minor, self.currency)

    @property
    def discounted(self) -> bool:
        return self.discount_minor > 0

    @property
    def split(self) -> GstSplit:
        """The invoice's amounts as the GST arithmetic takes them (gst.credit_split)."""
        return GstSplit(
            self.taxable, self.cgst, self.sgst, self.igst, self.total, self.gst_rate, intra_state=self.intra_state
        )


class CreditNoteReason(models.TextChoices):
    REFUND = "refund", "Refund of the payment"
    PRORATION = "proration", "Unused days credited on a plan upgrade"
    UPGRADE_CREDIT_RETURNED = "credit_returned", "Upgrade credit given back with a refund"


class CreditNoteSequence(models.Model):
    """The last credit note number handed out in one financial year: a series
    of its own, locked as ``InvoiceSequence`` is, so numbers have no gaps."""

    financial_year = models.CharField(max_length=7, unique=True, help_text="April to March, e.g. 2026-27.")
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.financial_year}: {self.last_number}"


class CreditNote(TaxDocument, models.Model):
    """A GST credit note (section 34 of the CGST Act) against one invoice.

    The supplier, buyer, place of supply, SAC and rate are the invoice's own
    (an issued invoice never changes); what the credit note holds is its own
    number and date, why it was issued, and the value and tax it takes back.
    """

    number = models.CharField(max_length=16, unique=True)
    financial_year = models.CharField(max_length=7)
    sequence = models.PositiveIntegerField()
    issued_at = models.DateTimeField()
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="credit_notes")
    reason = models.CharField(max_length=20, choices=CreditNoteReason.choices)
    description = models.CharField(max_length=250)
    gst_rate = models.PositiveSmallIntegerField("GST rate (%)", default=GST_RATE)
    total_minor = models.PositiveIntegerField("total credited (paise)")
    taxable_minor = models.PositiveIntegerField("taxable value credited (paise)")
    cgst_minor = models.PositiveIntegerField("CGST (paise)", default=0)
    sgst_minor = models.PositiveIntegerField("SGST (paise)", default=0)
    igst_minor = models.PositiveIntegerField("IGST (paise)", default=0)
    currency = models.CharField(max_length=3, default="INR")

    document_title = "Credit Note"
    kind = "credit note"
    number_label = "Credit note number"
    date_label = "Credit note date"
    lines_caption = "What is credited"
    total_label = "Total credited"
    tax_note_label = "GST reversed"
    url_names = ("invoicing:credit_note", "invoicing:credit_note_pdf")
    admin_list_url = "admin:invoicing_creditnote_changelist"

    class Meta:
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["financial_year", "sequence"], name="credit_note_sequence_once_per_year"),
            # A payment is refunded once, so its invoice has at most one refund's credit note.
            models.UniqueConstraint(
                fields=["invoice"], condition=Q(reason="refund"), name="credit_note_once_per_refund"
            ),
            models.CheckConstraint(condition=Q(total_minor__gt=0), name="credit_note_credits_something"),
            _parts_add_up("credit_note_parts_add_up_to_total"),
            _either_igst_or_cgst_sgst("credit_note_either_igst_or_cgst_sgst"),
        ]

    def __str__(self):
        return self.number

    # As on the invoice it credits.
    buyer_name = property(lambda self: self.invoice.buyer_name)
    buyer_state_code = property(lambda self: self.invoice.buyer_state_code)
    buyer_gstin = property(lambda self: self.invoice.buyer_gstin)
    supplier_name = property(lambda self: self.invoice.supplier_name)
    supplier_address = property(lambda self: self.invoice.supplier_address)
    supplier_gstin = property(lambda self: self.invoice.supplier_gstin)
    supplier_state_code = property(lambda self: self.invoice.supplier_state_code)
    sac_code = property(lambda self: self.invoice.sac_code)

    @property
    def references(self) -> list[tuple[str, str, str]]:
        """Rule 53(1A)(f): the serial number and date of the invoice it credits."""
        return [
            ("Against invoice", self.invoice.number, self.invoice.get_absolute_url()),
            ("Invoice date", document_date(self.invoice.issued_at), ""),
            ("Reason", self.get_reason_display(), ""),
        ]

