"""A tax invoice or a credit note as a PDF, drawn by ReportLab from the
document's own record: both are laid out by the same code (models.TaxDocument
names the few words that differ).

The rupee sign needs a font that has it: DejaVu Sans (Debian's
fonts-dejavu-core) by default, or MASTHEAD_INVOICE_FONT. When no such font
is found the PDF says "Rs." instead, in Helvetica, rather than print a box.
"""

from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .app_settings import app_settings
from .display import document_date, invoice_amount
from .gst import state_name
from .models import CreditNote, Invoice, TaxDocument

RUPEE_SIGN = "\u20b9"


@dataclass(frozen=True)
class InvoiceFonts:
    regular: str
    bold: str
    rupee_sign: bool


@cache
def invoice_fonts(path: str) -> InvoiceFonts:
    """Register the TrueType font at ``path`` (and its "-Bold" sibling) once per process."""
    regular_file = Path(path)
    try:
        regular = TTFont(f"Invoice-{regular_file.stem}", str(regular_file))
    except (OSError, TTFError):
        return InvoiceFonts("Helvetica", "Helvetica-Bold", rupee_sign=False)
    pdfmetrics.registerFont(regular)
    bold_file = regular_file.with_name(f"{regular_file.stem}-Bold{regular_file.suffix}")
    bold_name = regular.fontName
    if bold_file.exists():
        bold = TTFont(f"Invoice-{bold_file.stem}", str(bold_file))
        pdfmetrics.registerFont(bold)
        bold_name = bold.fontName
    return InvoiceFonts(regular.fontName, bold_name, rupee_sign=ord(RUPEE_SIGN) in regular.face.charToGlyph)


def invoice_pdf(invoice: Invoice, *, compress: bool = True) -> bytes:
    """The invoice as an A4 PDF. ``compress=False`` leaves the text readable in
    the raw bytes (and the output reproducible), for tests."""
    return tax_document_pdf(invoice, compress=compress)


def credit_note_pdf(credit_note: CreditNote, *, compress: bool = True) -> bytes:
    """The credit note as an A4 PDF, laid out as its invoice is."""
    return tax_document_pdf(credit_note, compress=compress)


def tax_document_pdf(document: TaxDocument, *, compress: bool = True) -> bytes:
    """An invoice or a credit note as an A4 PDF."""
    fonts = invoice_fonts(app_settings.FONT)
    buffer = BytesIO()
    page = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"{document.document_title} {document.number}",
        author=document.supplier_name,
        subject=document.description,
        lang="en-IN",
        pageCompression=1 if compress else 0,
        invariant=0 if compress else 1,
    )
    page.build(_story(document, fonts))
    return buffer.getvalue()


def _supplied(document: TaxDocument, text, amount, less) -> list[list]:
    """The line supplied and, after a discount (CGST Rule 46), the value
    before it and the discount taken off."""
    if not document.discounted:
        return [[text(document.description), text(document.sac_code), amount(document.taxable)]]
    label = f"Less discount: {document.discount_label}" if document.discount_label else "Less discount"
    return [
        [text(document.description), text(document.sac_code), amount(document.gross)],
        [text(label), "", less(document.discount)],
    ]


def _story(document: TaxDocument, fonts: InvoiceFonts) -> list:
    def style(name, **options):
        return ParagraphStyle(name, **{"fontName": fonts.regular, "fontSize": 9.5, "leading": 13, **options})

    body = style("body")
    strong = style("strong", fontName=fonts.bold)
    heading = style("heading", fontName=fonts.bold, fontSize=18, leading=22, spaceAfter=4 * mm)
    label = style("label", fontName=fonts.bold, fontSize=8, textColor=colors.HexColor("#555555"))
    label_right = ParagraphStyle("label-right", parent=label, alignment=TA_RIGHT)
    right = ParagraphStyle("right", parent=body, alignment=TA_RIGHT)
    right_strong = ParagraphStyle("right-strong", parent=strong, alignment=TA_RIGHT)

    def text(value, paragraph_style=body):
        return Paragraph(escape(str(value)), paragraph_style)

    def amount(money, paragraph_style=right):
        return text(invoice_amount(money, rupee_sign=fonts.rupee_sign), paragraph_style)

    def less(money):
        return text(f"- {invoice_amount(money, rupee_sign=fonts.rupee_sign)}", right)

    supplier = [
        text(document.supplier_name, strong),
        text(document.supplier_address),
        text(f"GSTIN: {document.supplier_gstin}"),
        text(f"State: {state_name(document.supplier_state_code)} ({document.supplier_state_code})"),
    ]
    details = [
        text(document.number_label, label),
        text(document.number, strong),
        text(document.date_label, label),
        text(document_date(document.issued_at)),
    ]
    for reference, value, _link in document.references:
        details += [text(reference, label), text(value)]
    buyer = [text("Billed to", label), text(document.buyer_name, strong)]
    if document.buyer_gstin:
        buyer.append(text(f"GSTIN: {document.buyer_gstin}"))
    buyer.append(text(f"Place of supply: {document.place_of_supply}"))

    rows = [
        [text("Description", label), text("SAC", label), text("Taxable value", label_right)],
        *_supplied(document, text, amount, less),
        ["", text("Taxable value (after discount)" if document.discounted else "Taxable value"), amount(document.taxable)],
        *[["", text(str(line)), amount(line.amount)] for line in document.tax_lines],
        ["", text(document.total_label, strong), amount(document.total, right_strong)],
    ]
    # The frame is 174 mm less its 6 pt padding each side: columns add up to 168 mm.
    lines = Table(rows, colWidths=[96 * mm, 40 * mm, 32 * mm], repeatRows=1, hAlign="LEFT")
    lines.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.black),
                ("LINEBELOW", (0, 1), (-1, 1), 0.5, colors.HexColor("#999999")),
                ("LINEABOVE", (1, -1), (-1, -1), 0.75, colors.black),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
            ]
        )
    )
    header = Table([[supplier, details]], colWidths=[110 * mm, 58 * mm], hAlign="LEFT")
    header.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, -1), 0)]))
    return [
        Paragraph(escape(document.document_title), heading),
        header,
        Spacer(0, 6 * mm),
        *buyer,
        Spacer(0, 6 * mm),
        lines,
        Spacer(0, 6 * mm),
        text(f"{document.tax_note_label} ({document.gst_rate}%): {invoice_amount(document.tax, rupee_sign=fonts.rupee_sign)}."),
        text("Tax payable on reverse charge: No."),
    ]
