"""A reader's tax invoices and credit notes: the list, one document, and its PDF."""

from io import BytesIO

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from . import selectors
from .pdf import tax_document_pdf


def _number(slug: str) -> str:
    # Prefixes are letters and digits only, so "-" in the slug was "/".
    return slug.replace("-", "/")


def _invoice_or_404(request, slug: str):
    invoice = selectors.invoice_visible_to(user=request.user, number=_number(slug))
    if invoice is None:
        raise Http404("No such invoice.")
    return invoice


def _credit_note_or_404(request, slug: str):
    credit_note = selectors.credit_note_visible_to(user=request.user, number=_number(slug))
    if credit_note is None:
        raise Http404("No such credit note.")
    return credit_note


def _page(request, document, payment):
    # Support may open a reader's document; "all your invoices" would be their own.
    own = payment.payer_id == request.user.pk
    return render(request, "invoicing/document.html", {"document": document, "own": own})


def _download(document):
    return FileResponse(
        BytesIO(tax_document_pdf(document)), as_attachment=True, filename=document.filename, content_type="application/pdf"
    )


@login_required
@cache_control(private=True, no_store=True)
def invoice_list(request):
    invoices = selectors.invoices_with_credit_notes_for(request.user)
    return render(request, "invoicing/invoice_list.html", {"invoices": invoices})


@login_required
@cache_control(private=True, no_store=True)
def invoice_detail(request, slug):
    invoice = _invoice_or_404(request, slug)
    return _page(request, invoice, invoice.payment)


@login_required
@cache_control(private=True, no_store=True)
def invoice_download(request, slug):
    return _download(_invoice_or_404(request, slug))


@login_required
@cache_control(private=True, no_store=True)
def credit_note_detail(request, slug):
    credit_note = _credit_note_or_404(request, slug)
    return _page(request, credit_note, credit_note.invoice.payment)


@login_required
@cache_control(private=True, no_store=True)
def credit_note_download(request, slug):
    return _download(_credit_note_or_404(request, slug))
