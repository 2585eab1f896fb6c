"""Support sees a gift's code only as its last four, and the admin's search
finds a gift by its whole code, "never by part of one". But the changelist
also takes Django's own query-string filters on any of the model's fields,
and ``code`` is one: ``?code__startswith=AB`` lists the gifts whose code
begins so. Asking one character at a time (at most 32 tries a character),
a Support member reads out a whole unredeemed code and redeems the paid
year for themself (or sells it).

Expected: the gift list refuses a filter on the code (Django answers an
unknown or disallowed lookup with ``?e=1``, listing nothing), so no part of
a code can be learned from it."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from masthead.gifts.models import GiftSubscription, GiftSubscriptionStatus
from masthead.gifts.subscriptions import CODE_ALPHABET, CODE_LENGTH, gift_redeem
from masthead.gifts.tests.test_gift_admin import _bought
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
GIFTS = "/admin/gifts/giftsubscription/"


def test_support_cannot_read_a_gift_code_out_of_the_list_filters(
    localstripe, smtp, django_user_model, django_capture_on_commit_callbacks
):
    plan = make_plan(name="Smart Annual", slug="smart-annual", price_minor=2_700_00, term_months=12)
    gift = _bought(django_user_model, django_capture_on_commit_callbacks, plan, "ravi@example.test", "meera")
    helpdesk = django_user_model.objects.create_user(
        username="helpdesk", email="helpdesk@example.test", password="a long password here", is_staff=True
    )
    helpdesk.groups.add(Group.objects.get(name="Support"))
    browser = Client()
    browser.force_login(helpdesk)

    known = ""
    for _ in range(CODE_LENGTH):
        for ch in CODE_ALPHABET:
            answer = browser.get(GIFTS, {"code__startswith": known + ch})
            # The list's count says whether the gift matched.
            if answer.status_code == 200 and re.search(r"\b1 gift subscription\b(?!s)", answer.text):
                known += ch
                break
        else:
            break

    # The whole code redeems the buyer's paid year on the Support member's own account.
    stolen = len(known) == CODE_LENGTH and gift_redeem(code=known, user=helpdesk) is not None
    redeemed = Subscription.objects.filter(user=helpdesk, status=SubscriptionStatus.GIFT).exists()
    gift.refresh_from_db()
    assert not (stolen or redeemed), (
        f"Support read the code {known} out of the gift list one character at a time and redeemed it; "
        f"the gift is now {gift.get_status_display()}"
    )
    assert gift.status == GiftSubscriptionStatus.SENT
    assert GiftSubscription.objects.filter(redeemed_by=helpdesk).count() == 0


def test_support_cannot_search_a_gift_message_the_admin_never_shows(
    localstripe, smtp, django_user_model, django_capture_on_commit_callbacks
):
    plan = make_plan(name="Smart Annual", slug="smart-annual", price_minor=2_700_00, term_months=12)
    gift = _bought(django_user_model, django_capture_on_commit_callbacks, plan, "ravi@example.test", "meera")
    GiftSubscription.objects.filter(pk=gift.pk).update(message="Happy birthday, with love from your secret admirer")
    helpdesk = django_user_model.objects.create_user(
        username="helpdesk", email="helpdesk@example.test", password="a long password here", is_staff=True
    )
    helpdesk.groups.add(Group.objects.get(name="Support"))
    browser = Client()
    browser.force_login(helpdesk)

    answer = browser.get(GIFTS, {"message__icontains": "secret admirer"})
    found = answer.status_code == 200 and re.search(r"\b1 gift subscription\b(?!s)", answer.text)
    assert not found, "the gift list tells Support what the buyer's private message says"
