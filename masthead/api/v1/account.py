"""The signed-in reader's own things: account, newsletters, devices, gifts.
Every operation here needs an app's session token (see ..auth)."""

from ninja import Path, Router, Status

from masthead.core.urls import absolute_url
from masthead.devices.services import device_sign_out, devices_of
from masthead.gifts.selectors import gift_url, gifts_sent
from masthead.gifts.services import gift_allowance, gift_create
from masthead.newsletters.selectors import newsletter_choices
from masthead.newsletters.services import newsletter_choices_save
from masthead.newsroom.reading import live_article
from masthead.subscriptions.selectors import current_subscription

from ..auth import app_token
from ..readers import api_reader
from . import present
from .schemas import (
    AccountOut,
    DeviceOut,
    GiftCreatedOut,
    GiftIn,
    GiftsOut,
    NewsletterOut,
    NewslettersIn,
    errors,
)

router = Router(tags=["account"], auth=app_token)

MAX_ID = 2**63 - 1  # the database's largest id


@router.get("/me", response={200: AccountOut, **errors(401)})
def me(request):
    user = request.auth
    subscription = current_subscription(user=user)
    return {
        "email": user.email,
        "name": user.get_full_name(),
        "subscriber": api_reader(request).is_subscriber,
        "subscription": (
            {
                "plan": subscription.plan.name,
                "plan_slug": subscription.plan.slug,
                "status": subscription.status,
                "term_end": subscription.term_end,
                "in_trial": subscription.in_trial,
            }
            if subscription
            else None
        ),
    }


def _newsletters(request) -> list[dict]:
    choices = newsletter_choices(user=request.auth, subscriber=api_reader(request).is_subscriber)
    return [
        {
            "slug": choice.newsletter.slug,
            "name": choice.newsletter.name,
            "description": choice.newsletter.description,
            "topic": choice.newsletter.topic,
            "subscribers_only": choice.newsletter.subscribers_only,
            "chosen": choice.chosen,
            "offered": choice.offered,
        }
        for choice in choices
    ]


@router.get("/me/newsletters", response={200: list[NewsletterOut], **errors(401)})
def newsletters(request):
    return _newsletters(request)


@router.put("/me/newsletters", response={200: list[NewsletterOut], **errors(400, 401, 403, 422)})
def newsletters_choose(request, choice: NewslettersIn):
    """Exactly these newsletters, among those offered. A subscriber-only one
    asked for by a reader who does not subscribe refuses the whole change."""
    newsletter_choices_save(user=request.auth, slugs=choice.newsletters, subscriber=api_reader(request).is_subscriber)
    return _newsletters(request)


@router.get("/me/devices", response={200: list[DeviceOut], **errors(401)})
def devices(request):
    return [present.device(d) for d in devices_of(user=request.auth, current_session_key=request.api_session_key)]


@router.delete("/me/devices/{device_id}", response={204: None, **errors(401, 404, 422)})
def device_remove(request, device_id: int = Path(..., ge=1, le=MAX_ID)):
    """Sign a device out: its next request is signed out. This app's own id
    signs this app out, like DELETE /api/auth/app/v1/auth/session."""
    device_sign_out(user=request.auth, device_id=device_id)
    return Status(204, None)


def _gift_allowance(request) -> dict:
    return present.gift_allowance(gift_allowance(user=request.auth))


@router.get("/me/gifts", response={200: GiftsOut, **errors(401)})
def gifts(request):
    return {
        "allowance": _gift_allowance(request),
        "sent": [
            {
                "article": present.article_item(request, gift.article),
                "url": absolute_url(request, gift_url(gift)),
                "created_at": gift.created_at,
                "expires_at": gift.expires_at,
                "opened_count": gift.opened_count,
            }
            for gift in gifts_sent(user=request.auth)
        ],
    }


@router.post("/me/gifts", response={201: GiftCreatedOut, **errors(400, 401, 403, 404, 422)})
def gift_make(request, gift: GiftIn):
    """A gift link for one article, within the subscriber's monthly allowance.
    Gifting an article again while its link is valid returns the same link."""
    article = live_article(slug=gift.article)
    link = gift_create(user=request.auth, article=article)
    created = {
        "url": absolute_url(request, gift_url(link)),
        "article": present.article_item(request, article),
        "expires_at": link.expires_at,
        "allowance": _gift_allowance(request),
    }
    return Status(201, created)
