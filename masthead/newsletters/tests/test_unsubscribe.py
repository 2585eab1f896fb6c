from email import message_from_bytes, policy

import pytest
from django.core import signing
from django.test import Client

from masthead.newsletters.mail import issue_message, teasers
from masthead.newsletters.models import NewsletterSubscription
from masthead.newsletters.tokens import SALT, unsubscribe_token

from .conftest import choose, make_issue, make_newsletter, make_readers


def _link_from_header(issue, reader):
    raw = issue_message(issue=issue, items=teasers([]), user_id=reader.pk, email=reader.email).message().as_bytes()
    header = message_from_bytes(raw, policy=policy.default)["List-Unsubscribe"]
    url = header.split(",")[0].strip().strip("<>")
    assert url.startswith("https://news.example.test/")
    return url.removeprefix("https://news.example.test")


@pytest.fixture
def subscribed(db, django_user_model, settings):
    settings.MASTHEAD_SITE_URL = "https://news.example.test"
    letter, other = make_newsletter(name="Tech Weekly"), make_newsletter()
    reader, = make_readers(django_user_model, 1)
    choose(letter, [reader])
    choose(other, [reader])
    return letter, other, reader


def test_one_click_unsubscribe_from_a_mail_client_works_without_a_session(subscribed):
    letter, other, reader = subscribed
    path = _link_from_header(make_issue(letter), reader)
    mail_client = Client(enforce_csrf_checks=True)  # no cookie, no CSRF token

    response = mail_client.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")

    assert response.status_code == 200
    assert "You are unsubscribed from Tech Weekly" in response.text
    assert not NewsletterSubscription.objects.filter(user=reader, newsletter=letter).exists()
    assert NewsletterSubscription.objects.filter(user=reader, newsletter=other).exists()  # only that one
    assert mail_client.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded").status_code == 200


def test_the_link_opened_in_a_browser_asks_before_unsubscribing(subscribed):
    letter, _, reader = subscribed
    path = _link_from_header(make_issue(letter), reader)
    page = Client().get(path)
    assert page.status_code == 200
    assert "<h1>Unsubscribe from Tech Weekly</h1>" in page.text
    assert f'<form method="post" action="{path}">' in page.text
    assert NewsletterSubscription.objects.filter(user=reader, newsletter=letter).exists()

    assert "You are unsubscribed" in Client().post(path).text
    assert not NewsletterSubscription.objects.filter(user=reader, newsletter=letter).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_link_is_refused_clearly_and_changes_nothing(subscribed, django_user_model, method):
    letter, _, reader = subscribed
    someone, = make_readers(django_user_model, 1, prefix="other")
    choose(letter, [someone])
    token = unsubscribe_token(user_id=reader.pk, newsletter_id=letter.pk)
    forged = signing.dumps([someone.pk, letter.pk], salt=SALT, key="not the site's secret")
    other_purpose = signing.dumps([someone.pk, letter.pk])  # signed by the site, but not as an unsubscribe link
    for bad in (forged, other_purpose, token[:-2], "not-a-token"):
        response = getattr(Client(), method)(f"/newsletters/unsubscribe/{bad}/")
        assert response.status_code == 400
        assert "This unsubscribe link is not valid" in response.text
    assert NewsletterSubscription.objects.filter(newsletter=letter).count() == 2
