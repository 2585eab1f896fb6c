"""A reader walled by a small arm of a free-allowance experiment signs in,
and signs out again, on that browser: the browser now reads by the
account's arm (a larger allowance), and the origin gives them new stories
in full; the edge goes on walling every new story for the rest of the
receipt's life (up to an hour), from the receipt given before signing in.

Signing in ties the browser to the account (masthead/experiments/services.py,
browser_tie: "the browser's arm is its account's now"), which changes the
decision for that browser with nothing saved to any experiment, so no
receipt is revoked (masthead/experiments/signals.py revokes on an
Experiment or Arm save only). Neither the log-in nor the log-out answer
removes the receipt cookie (masthead/newsroom/views.py, _give_edge_cookies,
forgets it only on an article page served to a signed-in reader), and the
edge (deploy/edge/masthead.vcl) replays the receipt's ``wall:p1`` for any
new metered story once the session cookie is gone.

What a reader sees: an experiment gives half the readers one free story and
the other half five. This browser drew one: it reads a story and is walled on
the next. The reader signs in with their account (which drew five), signs
out, and opens a new story: the origin would give it in full (one of five
read), the edge shows the paywall.
"""

import pytest

from masthead.experiments import services as experiments
from masthead.experiments.tests.factories import account_exposed_in, browser_in_arm, make_allowance_experiment
from masthead.testing.edge import sign_in_and_out
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import BEYOND_LEAD_IN, PAYWALL_TEXT, make_story_with_hidden_sentence

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-reader-passphrase-41"


def test_after_signing_in_and_out_the_edge_walls_no_story_the_accounts_arm_leaves_free(edge):
    set_meter(free_limit=5)
    experiment = make_allowance_experiment(arms={"control": 5, "one": 1})
    experiments.forget_running_experiments()
    read, walled, new = (make_story_with_hidden_sentence() for _ in range(3))
    # The account drew five (on its phone, say).
    account_exposed_in(experiment, "control", email="reader@example.com", password=PASSWORD)

    browser = browser_in_arm(experiment, "one")
    assert BEYOND_LEAD_IN in browser.get(edge + read.get_absolute_url()).text
    page = browser.get(edge + walled.get_absolute_url())
    assert PAYWALL_TEXT in page.text and BEYOND_LEAD_IN not in page.text
    assert ".p1." in browser.cookies.get("mt_rcpt", "")

    sign_in_and_out(browser, edge, login="reader@example.com", password=PASSWORD)

    # Signed out, the browser reads by the account's arm: one of five read.
    page = browser.get(edge + new.get_absolute_url())
    assert BEYOND_LEAD_IN in page.text, (
        f"served by the edge as {page.headers.get('X-Edge')!r}"
    )
