from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from masthead.core.errors import MastheadError

from .models import Partner
from .services import partner_code_claim


@login_required
@require_POST
def claim(request, slug):
    partner = get_object_or_404(Partner, slug=slug, is_active=True)
    try:
        partner_code_claim(user=request.user, partner=partner)
    except MastheadError as error:
        messages.error(request, error.message)
    return redirect("accounts:account")
