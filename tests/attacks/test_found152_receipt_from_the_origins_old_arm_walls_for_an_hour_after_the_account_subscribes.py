"""A browser an account signed in on, walled by the account's arm of a
free-allowance experiment, stayed walled at the edge for up to an hour and
ten minutes after the account subscribed, though the origin itself gave it
new stories in full after ten minutes.

Why: the account's subscription revokes ``a:<account>`` (masthead/edge/
signals.py), so the laptop's next view reaches the origin. The origin's web
process still remembered the laptop's arm (masthead/experiments/services.py,
``reader_arm``: ``_arms`` memo, ARM_SECONDS = ten minutes; nothing cleared
it when the account subscribed) and walled it by the old arm. That new
receipt was issued *after* the revocation (masthead/newsroom/views.py ``_give_edge_cookies`` →
masthead/edge/services.py ``give_receipt``: ``until`` = now +
RECEIPT_SECONDS, an hour; nothing caps it at the memo's end), so the edge
accepted it and replayed the old arm's paywall for the full hour after the
memo was gone and the origin had moved on. Now a tied browser's arm is
decided afresh at every view (nothing of it remembered), so the origin's
first answer after the revocation already follows the account.

What a reader sees: they subscribe on their phone; the household laptop,
signed out, opens one more story within minutes and is walled (the
documented ten minutes). Half an hour later the origin would give the
laptop new stories in full (the site's own allowance of five); the edge
goes on showing the paywall of the arm's one a month for up to an hour.
"""

import pytest
import requests
from django.utils import timezone

from masthead.subscriptions.services import subscription_activate, subscription_begin
from masthead.testing.edge import browser_walled_by_its_accounts_arm
from masthead.testing.newsroom import BEYOND_LEAD_IN, PAYWALL_TEXT, make_story_with_hidden_sentence
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-reader-passphrase-41"


def test_after_the_origins_memory_of_the_old_arm_runs_out_the_edge_still_walls_by_it(edge, live_server):
    account, laptop, walled = browser_walled_by_its_accounts_arm(edge, email="reader@example.com", password=PASSWORD)
    during, other, later = (make_story_with_hidden_sentence() for _ in range(3))
    before = laptop.cookies.get("mt_rcpt", "")
    assert ".p1." in before

    # The reader subscribes on the phone: the account is revoked at the edge.
    checkout = subscription_begin(user=account, plan=make_plan())
    subscription_activate(subscription=checkout, now=timezone.now())

    # Minutes later: the edge refuses the old receipt; the origin decides the
    # laptop's arm afresh (a tied browser's is never remembered), leaves it
    # out, and gives the story by the site's allowance, with a receipt saying so.
    page = laptop.get(edge + during.get_absolute_url())
    assert "X-Edge" not in page.headers, page.headers.get("X-Edge")
    assert BEYOND_LEAD_IN in page.text and PAYWALL_TEXT not in page.text
    after = laptop.cookies.get("mt_rcpt", "")
    assert after != before and ".p1." not in after

    # The origin itself, asked by the same browser (a copy of its cookies):
    # a new story in full, the fourth of the site's five.
    twin = requests.Session()
    twin.cookies.update(laptop.cookies)
    page = twin.get(live_server.url + other.get_absolute_url())
    assert BEYOND_LEAD_IN in page.text and PAYWALL_TEXT not in page.text
    # The edge, the laptop's own receipt: never the arm's paywall.
    page = laptop.get(edge + later.get_absolute_url())
    assert BEYOND_LEAD_IN in page.text, f"served by the edge as {page.headers.get('X-Edge')!r}"
