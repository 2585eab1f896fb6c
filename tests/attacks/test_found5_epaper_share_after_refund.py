"""Gift links stop opening stories when the giver's term is refunded ("the
money came back, so does the gift": gifts/services.py). An e-paper share
link is the same kind of gift, of a whole page of the paper, and as many as
the subscriber likes; but it is a signed token that names no giver, so a
refund takes none of them back. Subscribe, share every page of every
edition, ask for the money back: the links keep opening for seven days."""

import re
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from masthead.epaper.tests.factories import make_edition
from masthead.subscriptions.models import SubscriptionStatus as S
from masthead.subscriptions.services import subscription_activate, subscription_begin
from masthead.subscriptions.states import subscription_move
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db

DAY = date.today() - timedelta(days=2)


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.MASTHEAD_EPAPER_PAGE_WIDTH = 400


def _share(browser, number) -> str:
    page = browser.post(f"/epaper/{DAY}/pages/{number}/share/").text
    return re.search(r'value="http://testserver(/epaper/shared/[^"]+/)"', page).group(1)


def test_a_refund_takes_back_the_e_paper_pages_shared_in_the_refunded_term(django_user_model):
    make_edition(DAY, pages=2)
    giver = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="x" * 20)
    subscription = subscription_activate(subscription=subscription_begin(user=giver, plan=make_plan(term_months=1)))
    browser = Client()
    browser.force_login(giver)
    link = _share(browser, 2)
    image = f"/epaper/{DAY}/pages/2.webp?share={link.split('/')[-2]}"
    assert Client().get(link).status_code == 200 and Client().get(image).status_code == 200

    # A staff refund of the term (payments.services.payment_refund, whose listener billing.cards.refund_ends_term ends the term).
    subscription_move(subscription=subscription, to=S.REFUNDED, reason="refunded_by_staff", ended_at=timezone.now())

    assert Client().get(link).status_code == 410, "a page shared in a refunded term still opens"
    assert Client().get(image).status_code == 403, "a page shared in a refunded term still sends its image"
