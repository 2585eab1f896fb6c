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

import re

import pytest
import requests
from allauth.account.models import EmailAddress
from django.utils import timezone

from masthead.access.app_settings import app_settings
from masthead.experiments import services as experiments
from masthead.experiments.models import Arm
from masthead.experiments.tests.factories import make_allowance_experiment, reader_cookie_in_arm
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import (
    BEYOND_LEAD_IN,
    PAYWALL_TEXT,
    make_story_with_hidden_sentence,
)

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-reader-passphrase-41"


def _browser_in_arm(experiment, arm_name: str) -> requests.Session:
    """A browser holding a reader cookie (as the site gives one) whose own id draws ``arm_name``."""
    browser = requests.Session()
    browser.cookies.set(app_settings.READER_COOKIE, reader_cookie_in_arm(experiment, arm_name))
    return browser


def _csrf(browser: requests.Session, url: str) -> str:
    page = browser.get(url)
    assert page.status_code == 200, page.status_code
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def test_after_signing_in_and_out_the_edge_walls_no_story_the_accounts_arm_leaves_free(
    edge, django_user_model
):
    set_meter(free_limit=5)
    experiment = make_allowance_experiment(arms={"control": 5, "one": 1})
    experiments.forget_running_experiments()
    read, walled, new = (make_story_with_hidden_sentence() for _ in range(3))
    account = django_user_model.objects.create_user(
        "reader", "reader@example.com", PASSWORD
    )
    EmailAddress.objects.update_or_create(
        user=account,
        email="reader@example.com",
        defaults={"verified": True, "primary": True},
    )
    # The account drew five (on its phone, say).
    control = Arm.objects.get(experiment=experiment, name="control")
    experiments.exposure_record(experiment_id=experiment.pk, arm_id=control.pk, reader_id=f"u:{account.pk}",
                                user_id=account.pk, now=timezone.now())  # fmt: skip

    browser = _browser_in_arm(experiment, "one")
    assert BEYOND_LEAD_IN in browser.get(edge + read.get_absolute_url()).text
    page = browser.get(edge + walled.get_absolute_url())
    assert PAYWALL_TEXT in page.text and BEYOND_LEAD_IN not in page.text
    assert ".p1." in browser.cookies.get("mt_rcpt", "")

    token = _csrf(browser, edge + "/accounts/login/")
    signed_in = browser.post(edge + "/accounts/login/", data={"csrfmiddlewaretoken": token, "login": "reader@example.com",
                                                               "password": PASSWORD})  # fmt: skip
    assert signed_in.status_code == 200 and "sessionid" in browser.cookies, (
        signed_in.status_code
    )
    token = _csrf(browser, edge + "/accounts/logout/")
    browser.post(edge + "/accounts/logout/", data={"csrfmiddlewaretoken": token})
    assert "sessionid" not in browser.cookies

    # Signed out, the browser reads by the account's arm: one of five read.
    page = browser.get(edge + new.get_absolute_url())
    assert BEYOND_LEAD_IN in page.text, (
        f"served by the edge as {page.headers.get('X-Edge')!r}"
    )
