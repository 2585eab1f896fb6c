"""A reader picks the generous arm for their account: the API tells each new
reader id its arm on the first story, and a log-in hands that id's arm to
the account for good.

What an attacker does: calls /api/v1/articles/<slug> with no X-Reader,
again and again. Each answer mints a new signed reader id (the X-Reader
header) and shows its arm's allowance in ``meter.free_limit``. They keep
the first id in the five-article arm and sign in through the app's API
with it. At log-in the id's exposure is linked to the account
(experiments/signals.py), and from then on the account reads by that arm on
the web and every device, although its own id puts it in the three-article
arm.

Harm for the publisher: readers choose their arm, so the generous arm
leaks two more full stories a month to whoever asks for it, and the
experiment no longer compares randomly split readers (the readers who pick
are the ones most likely to pay, and every probe is one more "reader"
exposed in some arm).
"""

import pytest
from django.test import Client

from masthead.access.readers import app_reader_id_verified
from masthead.experiments.models import Exposure
from masthead.experiments.tests.factories import bucket_by_hand, make_allowance_experiment
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article

pytestmark = pytest.mark.django_db

KEY = "allowance-five-or-three"
FULL = "Second paragraph of the story."
PASSWORD = "a fine long password"


def test_a_reader_cannot_choose_the_arm_of_their_account(django_user_model):
    set_meter(free_limit=5)
    experiment = make_allowance_experiment(arms={"Five": 5, "Three": 3}, key=KEY)
    stories = [make_article(headline=f"Story {n}") for n in range(6)]
    account_pk = next(pk for pk in range(1000, 2000) if bucket_by_hand(KEY, f"u:{pk}") >= 5_000)  # its own arm: "Three"
    django_user_model.objects.create_user(id=account_pk, username="asha", email="asha@example.test", password=PASSWORD)

    # Probe: a fresh app reader per call, until one is told it has five.
    chosen = None
    for _ in range(40):
        response = Client().get(f"/api/v1/articles/{stories[0].slug}")
        if response.json()["meter"]["free_limit"] == 5:
            chosen = response["X-Reader"]
            break
    assert chosen is not None

    signed_in = Client(HTTP_X_READER=chosen, HTTP_USER_AGENT="MastheadReader/3.1 (Android)").post(
        "/api/auth/app/v1/auth/login", {"email": "asha@example.test", "password": PASSWORD}, content_type="application/json"
    )
    assert signed_in.status_code == 200, signed_in.text
    # A log-in hands the account nothing: the probed id's exposure stays the id's.
    assert Exposure.objects.get(experiment=experiment, reader=f"a:{app_reader_id_verified(chosen)}").user_id is None
    assert not Exposure.objects.filter(experiment=experiment, user_id=account_pk).exists()

    # On the web, the account reads by the arm its own id was given: three a month
    # (story 0, read by the probe, was carried into the account at log-in).
    browser = Client()
    assert browser.post("/accounts/login/", {"login": "asha@example.test", "password": PASSWORD}).status_code == 302
    reads = [FULL in browser.get(story.get_absolute_url()).text for story in stories[1:5]]
    assert reads == [True, True, False, False]
