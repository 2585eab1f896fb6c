"""Readers of the apps are counted in a paywall-message experiment whose
words the API never gives them.

What happens: an app (the headless /api/v1/, an anonymous reader known by
its signed X-Reader header) opens stories until the meter stops it. The
access decision reads its inputs through the experiment, so the app's
reader is recorded as exposed to an arm of the message experiment, and a
later payment converts in that arm. But the API's article answer has no
paywall message at all (api/v1/present.py): the app shows its own words,
whatever the arm.

Harm for the publisher: /desk/experiments/ counts app readers, who never
saw either wording, as readers of each wording, and counts their
subscriptions as won by it. The more readers come through the apps, the
more the comparison of the two messages is a comparison of nothing, and
the page still says it is measuring the words.
"""

import json

import pytest
from django.test import Client

from masthead.access.readers import app_reader_id_signed
from masthead.experiments.models import Exposure
from masthead.experiments.tests.factories import anonymous_ids_in_half, make_message_experiment
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article

pytestmark = pytest.mark.django_db

KEY = "message-words"
WORDS = "Only ₹3 a day: read without limits."


def test_an_app_reader_is_counted_in_a_message_arm_only_if_shown_its_words():
    set_meter(free_limit=1)
    experiment = make_message_experiment(messages={"Site's words": "Subscribe now for unlimited access.", "Price": WORDS}, key=KEY)
    first, second = make_article(headline="One"), make_article(headline="Two")
    (reader_id,) = anonymous_ids_in_half(KEY, first_half=False, count=1)  # the "Price" arm
    app = Client(HTTP_X_READER=app_reader_id_signed(reader_id))

    assert app.get(f"/api/v1/articles/{first.slug}").json()["access"] == "full"
    stopped = app.get(f"/api/v1/articles/{second.slug}").json()
    assert (stopped["access"], stopped["reason"]) == ("lead_in", "meter_exhausted")

    exposed = Exposure.objects.filter(experiment=experiment, reader=f"a:{reader_id}").values_list("arm__name", flat=True).first()
    shown = WORDS in json.dumps(stopped, ensure_ascii=False)
    # Counted as a reader of the "Price" words only if the app was given them.
    assert exposed is None or shown, f"exposed in {exposed!r}, words shown: {shown}"
