"""Webhook intake: verify, store once, process; 404 for a provider that is
not set up here, 400 for a bad signature or an unreadable body, 5xx when
processing fails so the provider retries."""

import logging

from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .providers import provider_enabled
from .providers.base import EventMalformed, SignatureInvalid
from .services import webhook_receive

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def webhook(request, provider):
    if not provider_enabled(provider):
        return HttpResponse(status=404)
    # Read before the catch-all below: a body over DATA_UPLOAD_MAX_MEMORY_SIZE
    # is Django's 400, not a processing failure the provider should retry.
    body = request.body
    try:
        webhook_receive(provider_name=provider, body=body, headers=request.headers)
    except SignatureInvalid:
        return HttpResponseBadRequest("bad signature")
    except EventMalformed as malformed:
        return HttpResponseBadRequest(malformed.message)
    except Exception:
        logger.exception("%s webhook failed", provider)
        return HttpResponse("processing failed; retry", status=500)
    return HttpResponse("ok")
