"""A browser an account has signed in on reads, signed out, by the
account's arm of a free-allowance experiment; once the account becomes a
subscriber (or is given complimentary access) that browser is left out of
the experiment and reads by the site's own allowance, and the origin gives
it new stories in full. The edge went on walling it, for the rest of the
receipt's life (up to an hour), by the arm's smaller allowance.

The browser is left out through its account (masthead/experiments/services.py,
reader_arm and account_left_out: "As the account is signed in: no arm ...
reading by the setting"), which changes the browser's decision with no
experiment saved and nothing of the browser touched: the account subscribes
on another device. The receipt now names the account it was decided by, and
the account's revocation (masthead/edge/signals.py) ends it.

What a reader sees: a household laptop the reader signed in on once, now
signed out, met the paywall after one story (the account drew the arm of
one a month). The reader subscribes on their phone. On the laptop, signed
out, the origin now gives a new story in full (one of the site's five
read); the edge showed the paywall.
"""

import pytest
from django.utils import timezone

from masthead.testing.edge import browser_walled_by_its_accounts_arm
from masthead.testing.newsroom import BEYOND_LEAD_IN, PAYWALL_TEXT, make_story_with_hidden_sentence
from masthead.subscriptions.services import subscription_activate, subscription_begin
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-reader-passphrase-41"


def _opens_in_full(laptop, edge, story) -> None:
    page = laptop.get(edge + story.get_absolute_url())
    assert BEYOND_LEAD_IN in page.text, f"served by the edge as {page.headers.get('X-Edge')!r}"


@pytest.mark.parametrize("field", ["complimentary_access", "is_staff"], ids=["given access", "joins the staff"])
def test_once_the_account_is_given_access_or_joins_the_staff_the_edge_walls_its_signed_out_browser_on_no_story_the_site_leaves_free(
    edge, field
):
    account, laptop, _ = browser_walled_by_its_accounts_arm(edge, email="reader@example.com", password=PASSWORD)
    new = make_story_with_hidden_sentence()

    setattr(account, field, True)
    account.save()

    _opens_in_full(laptop, edge, new)


def test_once_the_account_subscribes_the_edge_walls_its_signed_out_browser_on_no_story_the_site_leaves_free(edge):
    account, laptop, walled = browser_walled_by_its_accounts_arm(edge, email="reader@example.com", password=PASSWORD)
    new = make_story_with_hidden_sentence()

    # The checkout begins on the phone; meanwhile the laptop is still walled
    # (the account cannot convert yet), and is given a new receipt saying so.
    checkout = subscription_begin(user=account, plan=make_plan())
    page = laptop.get(edge + walled.get_absolute_url())
    assert PAYWALL_TEXT in page.text and BEYOND_LEAD_IN not in page.text
    assert "X-Edge" not in page.headers and ".p1." in laptop.cookies.get("mt_rcpt", "")

    subscription_activate(subscription=checkout, now=timezone.now())

    _opens_in_full(laptop, edge, new)

