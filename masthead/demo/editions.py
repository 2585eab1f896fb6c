"""Demo editions: a small printed paper for today and the days before, made from the demo articles.

Each page carries headlines, standfirsts and lead-ins only, never an
article's body: the lead-in is what any reader may see online, so the PDF
gives nothing away even if it leaked (and the e-paper is for subscribers
anyway). The same articles make the same bytes (reportlab's invariant mode,
the standard PDF fonts, which are not embedded).
"""

import io
from datetime import date, timedelta
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.files.base import ContentFile
from lxml import html as lxml_html
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A3
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import Frame, Paragraph, Spacer

from masthead.core.periods import day_bounds
from masthead.epaper.models import Edition
from masthead.epaper.services import edition_render, edition_upload
from masthead.newsroom.models import Article

PAGE_WIDTH, PAGE_HEIGHT = A3
MARGIN = 14 * mm
GUTTER = 6 * mm
COLUMNS = 4
STORIES_PER_PAGE = 11
INK, ACCENT, RULE = HexColor("#1a1a1a"), HexColor("#8a1c1c"), HexColor("#bbb5a5")

LEAD_HEADLINE = ParagraphStyle("lead", fontName="Times-Bold", fontSize=38, leading=42, textColor=INK, spaceAfter=8)
LEAD_STANDFIRST = ParagraphStyle(
    "lead-standfirst", fontName="Times-Italic", fontSize=17, leading=22, textColor=INK, spaceAfter=8
)
HEADLINE = ParagraphStyle("headline", fontName="Times-Bold", fontSize=17, leading=20, textColor=INK, spaceAfter=4)
STANDFIRST = ParagraphStyle("standfirst", fontName="Times-Italic", fontSize=11, leading=14, textColor=INK, spaceAfter=4)
TEXT = ParagraphStyle("text", fontName="Times-Roman", fontSize=10, leading=13.5, textColor=INK, spaceAfter=10)
KICKER = ParagraphStyle("kicker", fontName="Helvetica-Bold", fontSize=8, leading=10, textColor=ACCENT, spaceAfter=2)
FOLIO = ParagraphStyle("folio", fontName="Helvetica", fontSize=9, alignment=TA_CENTER)


def demo_editions_load(*, today: date, days: int = 4, pages: int = 4) -> list[Edition]:
    """An edition for today and each of the ``days - 1`` days before, rendered at once."""
    editions = []
    for back in range(days):
        day = today - timedelta(days=back)
        data = demo_edition_pdf(day=day, pages=pages)
        if data is None:
            continue
        edition = edition_upload(day=day, pdf=ContentFile(data, name="edition.pdf"))
        editions.append(edition_render(edition_id=edition.pk))
    return editions


def demo_edition_pdf(*, day: date, pages: int = 4) -> bytes | None:
    """The demo paper of ``day``: the latest stories up to that day's end, front page first."""
    stories = list(
        Article.objects.live(now=day_bounds(day).end)
        .filter(publish_at__gte=day_bounds(day - timedelta(days=14)).start)
        .select_related("section")
        .order_by("-publish_at", "pk")[: pages * STORIES_PER_PAGE]
    )
    if not stories:
        return None
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=A3, invariant=1)
    sheet.setTitle(f"{settings.MASTHEAD_SITE_NAME}, {day:%-d %B %Y}")
    sheet.setAuthor(settings.MASTHEAD_SITE_NAME)
    for number in range(1, pages + 1):
        batch = stories[(number - 1) * STORIES_PER_PAGE : number * STORIES_PER_PAGE]
        _page(sheet, day=day, number=number, total=pages, stories=batch)
        sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def _page(sheet, *, day: date, number: int, total: int, stories) -> None:
    top = PAGE_HEIGHT - MARGIN
    if number == 1:
        sheet.setFillColor(INK)
        sheet.setFont("Times-Bold", 64)
        sheet.drawCentredString(PAGE_WIDTH / 2, top - 52, settings.MASTHEAD_SITE_NAME)
        sheet.setFont("Helvetica", 10)
        sheet.drawCentredString(PAGE_WIDTH / 2, top - 74, f"{day:%A, %-d %B %Y}  ·  E-paper edition")
        top -= 84
    else:
        sheet.setFillColor(INK)
        sheet.setFont("Helvetica-Bold", 10)
        sheet.drawString(MARGIN, top - 10, settings.MASTHEAD_SITE_NAME.upper())
        sheet.drawRightString(PAGE_WIDTH - MARGIN, top - 10, f"{day:%A, %-d %B %Y}  ·  Page {number}")
        top -= 18
    sheet.setStrokeColor(INK)
    sheet.setLineWidth(2)
    sheet.line(MARGIN, top, PAGE_WIDTH - MARGIN, top)
    top -= 8
    bottom = MARGIN + 14
    sheet.setFont("Helvetica", 8)
    sheet.drawCentredString(PAGE_WIDTH / 2, MARGIN, f"Page {number} of {total}")
    if not stories:
        return
    width = PAGE_WIDTH - 2 * MARGIN
    rest = list(stories)
    if number == 1:
        lead = rest.pop(0)
        lead_frame = Frame(MARGIN, top - 200, width, 200, showBoundary=0, leftPadding=0, rightPadding=0)
        lead_frame.addFromList(
            [
                Paragraph(_text(lead.section.name.upper()), KICKER),
                Paragraph(_text(lead.headline), LEAD_HEADLINE),
                Paragraph(_text(lead.standfirst), LEAD_STANDFIRST),
                Paragraph(_text(_plain(lead.lead_in)), TEXT),
            ],
            sheet,
        )
        top -= 208
        sheet.setStrokeColor(RULE)
        sheet.setLineWidth(0.5)
        sheet.line(MARGIN, top + 4, PAGE_WIDTH - MARGIN, top + 4)
    column_width = (width - GUTTER * (COLUMNS - 1)) / COLUMNS
    flowables = []
    for story in rest:
        flowables += [
            Paragraph(_text(story.section.name.upper()), KICKER),
            Paragraph(_text(story.headline), HEADLINE),
            Paragraph(_text(story.standfirst), STANDFIRST),
            Paragraph(_text(_plain(story.lead_in)), TEXT),
            Spacer(1, 4),
        ]
    for column in range(COLUMNS):
        left = MARGIN + column * (column_width + GUTTER)
        frame = Frame(left, bottom, column_width, top - bottom, showBoundary=0, leftPadding=0, rightPadding=0)
        frame.addFromList(flowables, sheet)
        if column:
            sheet.setStrokeColor(RULE)
            sheet.setLineWidth(0.5)
            sheet.line(left - GUTTER / 2, bottom, left - GUTTER / 2, top)
        if not flowables:
            break


def _plain(fragment: str) -> str:
    """The lead-in's words without its markup."""
    if not fragment.strip():
        return ""
    return " ".join(lxml_html.fragment_fromstring(fragment, create_parent="div").text_content().split())


def _text(value: str) -> str:
    # The standard PDF fonts have no rupee sign.
    return escape(value.replace("₹", "Rs "))
