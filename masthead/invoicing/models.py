from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from masthead.core.money import Money

from .app_settings import default_sac_code
from .gst import GST_RATE, state_name


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


class Invoice(models.Model):
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
            models.CheckConstraint(
                condition=Q(total_minor=F("taxable_minor") + F("cgst_minor") + F("sgst_minor") + F("igst_minor")),
                name="invoice_parts_add_up_to_total",
            ),
            models.CheckConstraint(
                condition=Q(igst_minor=0) | Q(cgst_minor=0, sgst_minor=0),
                name="invoice_either_igst_or_cgst_sgst",
            ),
            models.CheckConstraint(
                condition=Q(discount_minor=0, gross_minor=0) | Q(gross_minor=F("taxable_minor") + F("discount_minor")),
                name="invoice_discount_adds_up",
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("invoicing:detail", kwargs={"slug": self.slug})

    def get_pdf_url(self) -> str:
        return reverse("invoicing:pdf", kwargs={"slug": self.slug})

    @property
    def slug(self) -> str:
        """The number as a URL segment: ``MH-2627-000042``."""
        return self.number.replace("/", "-")

    @property
    def filename(self) -> str:
        return f"{self.slug}.pdf"

    @property
    def total(self) -> Money:
        return Money(self.total_minor, self.currency)

    @property
    def taxable(self) -> Money:
        return Money(self.taxable_minor, self.currency)

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
