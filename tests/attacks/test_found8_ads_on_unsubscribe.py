"""A newsletter's unsubscribe page carries no ads, like the account page where
the same choice is made.

Its address is the reader's own signed token (who they are, which letter,
and the power to unsubscribe them): an ad network's script on that page
reads the address like any other script, so it must not be there at all."""

import pytest
from django.test import Client

from masthead.ads.models import AdPosition, AdSlot
from masthead.newsletters.models import Newsletter, NewsletterSubscription
from masthead.newsletters.tokens import unsubscribe_token

pytestmark = pytest.mark.django_db

AD_SCRIPT = "https://ads.example/tag.js"


@pytest.fixture
def slots():
    AdSlot.objects.create(position=AdPosition.LEADERBOARD, tag_html=f'<script src="{AD_SCRIPT}"></script>')


def test_no_ad_and_no_ad_script_on_a_readers_unsubscribe_pages(slots, django_user_model):
    reader = django_user_model.objects.create_user(username="r", email="r@example.test", password="x" * 20)
    letter = Newsletter.objects.create(name="Tech Weekly", slug="tech-weekly")
    NewsletterSubscription.objects.create(user=reader, newsletter=letter)
    path = f"/newsletters/unsubscribe/{unsubscribe_token(user_id=reader.pk, newsletter_id=letter.pk)}/"
    browser = Client()
    assert AD_SCRIPT in browser.get("/").text  # the same visitor meets ads elsewhere

    asked = browser.get(path)
    assert "<h1>Unsubscribe from Tech Weekly</h1>" in asked.text
    done = browser.post(path)
    assert "You are unsubscribed from Tech Weekly" in done.text
    refused = browser.get(path[:-5] + "xxxx/")
    assert refused.status_code == 400
    for page in (asked, done, refused):
        assert AD_SCRIPT not in page.text and 'aria-label="Advertisement"' not in page.text
