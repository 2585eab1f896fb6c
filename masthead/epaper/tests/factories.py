"""PDFs made with reportlab, readers of every kind, and rendered editions for the e-paper tests."""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from masthead.epaper.services import edition_render, edition_upload
from masthead.subscriptions import services as subscription_services
from masthead.testing.subscriptions import make_plan

# Each page gets its own background, so rendered images of different pages differ.
SHADES = [(0.95, 0.9, 0.8), (0.8, 0.9, 0.95), (0.85, 0.95, 0.85), (0.95, 0.85, 0.9), (0.9, 0.9, 0.9)]


def make_pdf(pages: int = 3) -> bytes:
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    width, height = A4
    for number in range(1, pages + 1):
        sheet.setFillColorRGB(*SHADES[(number - 1) % len(SHADES)])
        sheet.rect(0, 0, width, height, fill=1, stroke=0)
        sheet.setFillColorRGB(0, 0, 0)
        sheet.setFont("Helvetica-Bold", 48)
        sheet.drawString(72, height - 120, f"Page {number}")
        sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def pdf_upload(data: bytes | None = None, name: str = "edition.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, make_pdf() if data is None else data, content_type="application/pdf")


def make_edition(day: date, pages: int = 3):
    """An edition uploaded and rendered, ready for readers."""
    edition = edition_upload(day=day, pdf=pdf_upload(make_pdf(pages)))
    return edition_render(edition_id=edition.pk)


def make_subscriber(django_user_model, name: str = "asha"):
    user = django_user_model.objects.create_user(username=name, email=f"{name}@example.test", password="x" * 20)
    plan = make_plan(name=f"Plan for {name}", slug=f"plan-{name}")
    subscription_services.subscription_activate(subscription=subscription_services.subscription_begin(user=user, plan=plan))
    return user


def make_reader(django_user_model, name: str = "ravi"):
    """An account without a subscription."""
    return django_user_model.objects.create_user(username=name, email=f"{name}@example.test", password="x" * 20)
