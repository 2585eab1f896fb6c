"""The edge holds its revocations (REVOKE: a refund, a sign-out, a device
signed out) only in the memory of Varnish's worker process (vmod var's
globals, deploy/edge/masthead.vcl). When that process restarts (a panic,
which Varnish's manager answers by starting a new worker at once, or a
restart of the edge), every revocation is forgotten, while the tokens they
refused are still current for up to MASTHEAD_EDGE_ENTITLEMENT_SECONDS, and
the origin is never asked to tell the edge again.

What a reader sees: a subscriber signs out of a shared computer (or is
refunded); the edge refuses the computer's token at once. The edge's worker
restarts a minute later; the next person at that computer opens every story
in full as a subscriber, until the token runs out.

What should happen: a revoked entitlement stays refused for as long as it
could be presented (immediately and for good, for refunds and sign-outs),
whatever happens to the edge's worker process.
"""

import subprocess
import time

import pytest
import requests
from django.contrib.auth import get_user_model
from django.test import Client

from masthead.testing.edge import STANDS
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import BEYOND_LEAD_IN, make_story_with_hidden_sentence

pytestmark = pytest.mark.django_db(transaction=True)


def _worker_restarted(edge: str) -> None:
    root, admin = STANDS[edge]
    subprocess.run(["varnishadm", "-T", admin, "-S", str(root / "vn" / "_.secret"), "debug.panic.worker"],
                   capture_output=True)  # fmt: skip
    for _ in range(200):
        time.sleep(0.05)
        try:
            if requests.get(edge + "/healthz", timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
    raise AssertionError("the edge's worker did not come back")


def test_a_signed_out_token_stays_refused_after_the_edges_worker_restarts(edge):
    set_meter(free_limit=0)  # the origin shows a signed-out browser the paywall
    story = make_story_with_hidden_sentence()
    user = get_user_model().objects.create_user(
        username="rhea@example.test", email="rhea@example.test", password="x" * 20, complimentary_access=True
    )
    client = Client()
    client.force_login(user)
    browser = requests.Session()
    browser.cookies.set("sessionid", client.cookies["sessionid"].value)
    browser.get(edge + story.get_absolute_url())
    token = browser.cookies["mt_ent"]
    assert requests.get(edge + story.get_absolute_url(), cookies={"mt_ent": token}).headers["X-Edge"].startswith("subscriber")

    client.logout()
    refused = requests.get(edge + story.get_absolute_url(), cookies={"mt_ent": token})
    assert "X-Edge" not in refused.headers and BEYOND_LEAD_IN not in refused.text, "refused at once"

    _worker_restarted(edge)
    later = requests.get(edge + story.get_absolute_url(), cookies={"mt_ent": token})
    assert BEYOND_LEAD_IN not in later.text, f"the signed-out token opens the story again ({later.headers.get('X-Edge')})"
