"""A reader's tax invoices: the list, one invoice, and its PDF."""

from io import BytesIO

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from . import selectors
from .models import Invoice
from .pdf import invoice_pdf


def _invoice_or_404(request, slug: str) -> Invoice:
    # Prefixes are letters and digits only, so "-" in the slug was "/".
    invoice = selectors.invoice_visible_to(user=request.user, number=slug.replace("-", "/"))
    if invoice is None:
        raise Http404("No such invoice.")
    return invoice


@login_required
@cache_control(private=True, no_store=True)
def invoice_list(request):
    return render(request, "invoicing/invoice_list.html", {"invoices": selectors.invoices_for(request.user)})


@login_required
@cache_control(private=True, no_store=True)
def invoice_detail(request, slug):
    invoice = _invoice_or_404(request, slug)
    # Support may open a reader's invoice; "all your invoices" would be their own.
    own = invoice.payment.payer_id == request.user.pk
    return render(request, "invoicing/invoice.html", {"invoice": invoice, "own": own})


@login_required
@cache_control(private=True, no_store=True)
def invoice_download(request, slug):
    invoice = _invoice_or_404(request, slug)
    return FileResponse(
        BytesIO(invoice_pdf(invoice)), as_attachment=True, filename=invoice.filename, content_type="application/pdf"
    )
