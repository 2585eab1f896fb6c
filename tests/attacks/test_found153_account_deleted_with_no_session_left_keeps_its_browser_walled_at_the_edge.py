"""Deleting an account was not itself a revocation: the browser it signed in
on stayed walled at the edge by the deleted account's arm for up to an hour
when the account had no session row left to delete, while the origin read
that browser by its own id's arm and gave it new stories in full. Now the
deletion revokes the account (``revoke_deleted_account``).

Why: the browser's tie (``BrowserAccount``, masthead/experiments/models.py)
goes with the account (on_delete=CASCADE), so the origin decides for the
browser by the browser's own id (``reader_arm``). masthead/edge/signals.py
had no receiver for an account's deletion; ``a:<account>`` is revoked then
only as a side effect, by ``revoke_ended_device`` on each of the account's
allauth ``UserSession`` rows the cascade deletes. An account whose session
rows are already gone (ended or tidied away earlier: that revocation came
and went, and the browser has been given new tied receipts since) revokes
nothing when deleted; its browser's receipt (``<tie>`` = the deleted
account) stays good until its hour is out.

What a reader sees: support signs an account out of every device (its
sessions end, the edge is told), the household laptop that account once
signed in on goes on reading signed out and meets the account's paywall
after one story; the account is then deleted at the owner's request. The
origin would now give the laptop its own five free stories; the edge shows
the deleted account's paywall for up to an hour.
"""

import pytest
import requests
from allauth.usersessions.models import UserSession

from masthead.testing.edge import browser_walled_by_its_accounts_arm
from masthead.testing.newsroom import BEYOND_LEAD_IN, PAYWALL_TEXT, make_story_with_hidden_sentence

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-reader-passphrase-41"


def test_an_account_deleted_with_no_sessions_left_leaves_its_old_browser_walled_by_its_arm_at_the_edge(edge, live_server):
    account, laptop, walled = browser_walled_by_its_accounts_arm(edge, email="reader@example.com", password=PASSWORD)
    again, other, new = (make_story_with_hidden_sentence() for _ in range(3))

    # Every session of the account ends (support signs it out everywhere;
    # each row deleted revokes it at the edge).
    for session in UserSession.objects.filter(user=account):
        session.end()
    assert not UserSession.objects.filter(user=account).exists()

    # The laptop reads on, signed out: walled by the account's arm, with a
    # new receipt naming the account, issued after that revocation.
    page = laptop.get(edge + again.get_absolute_url())
    assert PAYWALL_TEXT in page.text and BEYOND_LEAD_IN not in page.text
    assert ".p1." in laptop.cookies.get("mt_rcpt", "") and f".{account.pk}." in laptop.cookies.get("mt_rcpt", "")

    account.delete()

    # The origin itself, asked by the same browser (a copy of its cookies):
    # a new story in full, by the laptop's own arm of five.
    twin = requests.Session()
    twin.cookies.update(laptop.cookies)
    page = twin.get(live_server.url + other.get_absolute_url())
    assert BEYOND_LEAD_IN in page.text and PAYWALL_TEXT not in page.text
    page = laptop.get(edge + new.get_absolute_url())
    assert BEYOND_LEAD_IN in page.text, f"served by the edge as {page.headers.get('X-Edge')!r}"
