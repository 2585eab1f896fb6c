"""A reader's name could carry invisible control characters.

The name form (sign-up on the website and in the app API, the account page)
took any text up to 150 characters. A right-to-left override (U+202E) in a
giver's name reached the note a stranger reads on a gifted article, "<name>
gifted you this article. It is free to read until …": the override runs on
to the end of the note, so the publication's own words after the name are
shown backwards, as the giver arranged. Line breaks and terminal escapes
were stored too. Letters of every script stay allowed, including the
zero-width joiners Indian scripts write names with.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from masthead.gifts.selectors import gift_url
from masthead.gifts.services import gift_create
from masthead.testing.newsroom import make_article

pytestmark = pytest.mark.django_db

PASSPHRASE = "a fresh long passphrase"
RIGHT_TO_LEFT_OVERRIDE = "\u202e"


def _giver(django_user_model):
    return django_user_model.objects.create_user(
        username="giver", email="giver@example.test", password="x" * 20, first_name="Asha", complimentary_access=True
    )


@pytest.mark.parametrize(
    "first_name", [f"Asha{RIGHT_TO_LEFT_OVERRIDE}", "Asha\u2066", "Asha\r\nSupport", "Asha\x1b[31m", "As\u200fha"]
)
def test_the_account_page_refuses_a_name_with_control_characters(django_user_model, first_name):
    giver = _giver(django_user_model)
    browser = Client()
    browser.force_login(giver)

    page = browser.post("/account/name/", {"first_name": first_name, "last_name": ""})

    assert "A name cannot contain invisible control characters." in page.text
    giver.refresh_from_db()
    assert giver.first_name == "Asha"


def test_a_gift_note_a_stranger_reads_keeps_the_publications_words_readable(django_user_model):
    giver = _giver(django_user_model)
    browser = Client()
    browser.force_login(giver)
    browser.post("/account/name/", {"first_name": f"Asha{RIGHT_TO_LEFT_OVERRIDE}", "last_name": ""})
    gift = gift_create(user=giver, article=make_article(is_premium=True))

    note = Client().get(gift_url(gift)).text

    assert RIGHT_TO_LEFT_OVERRIDE not in note
    assert "Asha gifted you this article." in note


def test_sign_up_refuses_a_name_with_control_characters():
    Client().post(
        "/accounts/signup/",
        {"email": "new@example.test", "password1": PASSPHRASE, "password2": PASSPHRASE, "first_name": f"Asha{RIGHT_TO_LEFT_OVERRIDE}"},
    )

    assert not get_user_model().objects.filter(email="new@example.test").exists()


def test_names_in_indian_scripts_keep_their_joiners(django_user_model):
    giver = _giver(django_user_model)
    browser = Client()
    browser.force_login(giver)
    malayalam = "\u0d05\u0d28\u0d4d\u200d"  # a chillu written with a zero-width joiner

    browser.post("/account/name/", {"first_name": malayalam, "last_name": "Rao"})

    giver.refresh_from_db()
    assert giver.first_name == malayalam


def test_the_app_api_refuses_a_name_with_control_characters():
    answer = Client().post(
        "/api/auth/app/v1/auth/signup",
        {"email": "app@example.test", "password": PASSPHRASE, "first_name": f"Asha{RIGHT_TO_LEFT_OVERRIDE}"},
        content_type="application/json",
    )

    assert answer.status_code == 400
    assert not get_user_model().objects.filter(email="app@example.test").exists()
