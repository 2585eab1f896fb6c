"""A buyer pays for one gift and presses "Send again" as often as they like:
every press mailed the recipient, so one payment bought an unlimited stream
of mail from the publication to any address the buyer typed. (Two presses at
once also mailed twice.)"""

import pytest
from django.test import Client
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.gifts.models import GiftSubscription, GiftSubscriptionStatus
from masthead.gifts.subscriptions import gift_code_new
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


def test_the_gift_email_is_sent_again_at_most_once_a_day(smtp, django_user_model):
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    buyer = django_user_model.objects.create_user(username="b", email="b@example.test", password="x" * 20)
    sent_yesterday = timezone.now() - timezone.timedelta(days=1, minutes=1)
    gift = GiftSubscription.objects.create(
        buyer=buyer, plan=plan, term_months=3, price_minor=900_00, recipient_name="Victim",
        recipient_email="victim@example.test", send_on=local_date(sent_yesterday), code=gift_code_new(),
        status=GiftSubscriptionStatus.SENT, paid_at=sent_yesterday, sent_at=sent_yesterday,
    )  # fmt: skip
    browser = Client()
    browser.force_login(buyer)

    first = browser.post(f"/gift/{gift.pk}/resend/", follow=True)
    assert "The gift e-mail is on its way to victim@example.test again." in first.text
    for _ in range(5):
        again = browser.post(f"/gift/{gift.pk}/resend/", follow=True)
        assert "The gift e-mail can be sent again once a day" in again.text

    assert smtp.per_recipient() == {"victim@example.test": 1}
