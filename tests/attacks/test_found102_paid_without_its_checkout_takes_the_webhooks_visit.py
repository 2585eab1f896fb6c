"""When the cache no longer holds a checkout's story and classes, "paid" is
counted under the classes of whatever request the payment settled in: a
provider's webhook becomes a direct visit on a desktop.

The docs (docs/desk.md, the model's own docstring) promise: "if the cache
lost them, 'paid' is counted with no story and blank classes", and "an
event no reader's request made (a provider's webhook)" has blank classes.

What an attacker does: the checkout's classes live 30 days in the shared
cache, which culls entries wholesale when full (a flood of log-in attempts
from many addresses fills it). Every payment whose checkout was culled is
then counted under the webhook's request: no Referer, so "direct", and the
provider's user-agent, so "desktop". The desk's referrer and device tables
credit direct desktop visits with payments nobody knows the source of.

What should happen: blank classes ("Not from a page").
"""

import pytest
from django.db.models import Sum
from django.http import HttpResponse
from django.test import RequestFactory, TestCase

from masthead.metering.events import FunnelVisitMiddleware, funnel_events_flush
from masthead.metering.models import FunnelEvent, FunnelEventKind
from masthead.subscriptions import services
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


def _paid() -> dict:
    funnel_events_flush()
    rows = FunnelEvent.objects.filter(kind=FunnelEventKind.PAID).values("article_id", "referrer", "device").annotate(n=Sum("count"))
    return {(row["article_id"], row["referrer"], row["device"]): row["n"] for row in rows}


def test_a_payment_settled_in_a_webhook_without_its_checkout_is_counted_with_blank_classes(django_user_model):
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    reader = django_user_model.objects.create_user(username="m", email="m@example.test", password="x" * 20)
    pending = services.subscription_begin(user=reader, plan=plan, offer=None)  # its checkout's classes: not in the cache

    def webhook(request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            services.subscription_activate(subscription=pending)
        return HttpResponse(status=200)

    request = RequestFactory().post("/payments/stripe/webhook/", HTTP_USER_AGENT="Stripe/1.0 (+https://stripe.com/docs/webhooks)")
    FunnelVisitMiddleware(webhook)(request)

    assert _paid() == {(None, "", ""): 1}
