"""Webhook intake: verify, store once, process; 400 for a bad signature,
5xx when processing fails so the provider retries."""

import logging

from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .providers.base import SignatureInvalid
from .services import webhook_receive

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def webhook(request, provider):
    if provider not in {"stripe", "razorpay"}:
        return HttpResponse(status=404)
    try:
        webhook_receive(provider_name=provider, body=request.body, headers=request.headers)
    except SignatureInvalid:
        return HttpResponseBadRequest("bad signature")
    except Exception:
        logger.exception("%s webhook failed", provider)
        return HttpResponse("processing failed; retry", status=500)
    return HttpResponse("ok")
