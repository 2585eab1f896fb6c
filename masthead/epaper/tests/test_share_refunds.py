"""An e-paper share link stands on the sharer's paid term, as a gift link
does (docs/epaper.md, Sharing): a refund of that term's payment takes the
share back, whenever it comes; a refund of another term does not."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import signing
from django.test import Client
from django.utils import timezone

from masthead.epaper.services import SHARE_SALT
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions import billing
from masthead.subscriptions.models import Subscription
from masthead.subscriptions.models import SubscriptionStatus as S
from masthead.subscriptions.services import subscription_cancel, subscriptions_end_due
from masthead.subscriptions.states import subscription_move

from .factories import make_edition, make_reader, make_subscriber

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 5, 4, 10, 0, tzinfo=ZoneInfo("Asia/Kolkata"))
YESTERDAY = date(2026, 5, 3)
NO_LONGER_VALID = "This share link is no longer valid."


@pytest.fixture(autouse=True)
def small_pages(settings):
    settings.MASTHEAD_EPAPER_PAGE_WIDTH = 400


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def edition(db):
    return make_edition(YESTERDAY, pages=2)


class RefundingProvider:
    def refund(self, *, payment_id: str, key: str = "") -> str:
        return "re_test_1"


def share(user) -> str:
    browser = Client()
    browser.force_login(user)
    page = browser.post(f"/epaper/{YESTERDAY}/pages/2/share/").text
    return re.search(r'value="http://testserver(/epaper/shared/[^"]+/)"', page).group(1)


def image_of(link: str) -> str:
    return f"/epaper/{YESTERDAY}/pages/2.webp?share={link.split('/')[-2]}"


def paid_first_term(subscription) -> Payment:
    return Payment.objects.create(
        subscription=subscription, term_number=1, charge_key=f"masthead-sub{subscription.pk}-term1-try1",
        provider="stripe", provider_payment_id="pi_test_1", amount_minor=subscription.price_minor,
        status=PaymentStatus.SUCCEEDED, succeeded_at=timezone.now(),
    )  # fmt: skip


def test_a_refund_after_the_shared_term_ran_out_takes_the_share_back(edition, django_user_model, clock):
    sharer = make_subscriber(django_user_model)
    subscription = Subscription.objects.get(user=sharer)
    payment = paid_first_term(subscription)
    clock.move_to(subscription.term_end - timedelta(days=2))
    link = share(sharer)
    subscription_cancel(subscription=subscription)
    clock.move_to(subscription.term_end + timedelta(hours=1))
    subscriptions_end_due()
    # The term ran out shy of the link's seven days, which still open the page…
    assert Client().get(link).status_code == 200

    # …until the reader gets the term's money back: the subscription stays ended.
    billing.payment_refund_and_end(payment=payment, provider=RefundingProvider())
    subscription.refresh_from_db()
    assert subscription.status == S.ENDED
    refused = Client().get(link)
    assert refused.status_code == 410 and NO_LONGER_VALID in refused.text
    assert Client().get(image_of(link)).status_code == 403


def test_a_refund_of_a_later_term_leaves_the_pages_shared_in_an_earlier_one(edition, django_user_model, clock):
    sharer = make_subscriber(django_user_model)
    subscription = Subscription.objects.get(user=sharer)
    clock.move_to(subscription.term_end - timedelta(days=2))
    link = share(sharer)
    clock.move_to(subscription.term_end)
    subscription_move(subscription=subscription, to=S.ACTIVE, reason="renewed", term_number=2,
                      term_start=timezone.now(), term_end=timezone.now() + timedelta(days=30))  # fmt: skip
    subscription_move(subscription=subscription, to=S.REFUNDED, reason="refunded_by_staff", ended_at=timezone.now())
    assert Client().get(link).status_code == 200
    assert Client().get(image_of(link)).status_code == 200


def test_a_page_shared_under_complimentary_access_stands_on_no_term(edition, django_user_model):
    guest = make_reader(django_user_model)
    guest.complimentary_access = True
    guest.save()
    assert Client().get(share(guest)).status_code == 200


def test_a_link_made_before_links_named_their_sharer_is_refused_as_not_valid(edition):
    expires = int((timezone.now() + timedelta(days=3)).timestamp())
    older = signing.dumps({"e": edition.pk, "p": 2, "x": expires}, salt=SHARE_SALT, compress=True)
    answer = Client().get(f"/epaper/shared/{older}/")
    assert answer.status_code == 400 and "This share link is not valid" in answer.text
    assert Client().get(f"/epaper/{YESTERDAY}/pages/2.webp?share={older}").status_code == 403
