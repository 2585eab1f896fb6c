"""Account mail (allauth's) as a reader receives it, through a real SMTP
server (the ``smtp`` fixture): from the publication, by name, greeted like
its other mail, signed with its name and address, with an HTML part, and
every link on the site's address, never the host the request came to."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

SITE = "The Deccan Ledger"
SITE_URL = "https://news.example.test"  # set by the smtp fixture
PASSPHRASE = "a fresh long passphrase"
NOT_OUR_NAME = ("127.0.0.1", "testserver", "localhost", "example.com", "Hello from", "Thank you for using")


@pytest.fixture(autouse=True)
def publication(settings):
    settings.MASTHEAD_SITE_NAME = SITE


@pytest.fixture
def asha(django_user_model):
    return django_user_model.objects.create_user(
        username="asha", email="asha@example.test", password="the owner's passphrase 9", first_name="Asha", last_name="Rao"
    )


def _sign_up(email, **names):
    return Client().post(
        "/accounts/signup/", {"email": email, "password1": PASSPHRASE, "password2": PASSPHRASE, **names}, follow=True
    )


def _text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def _html(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def _read(message, *, site_url=SITE_URL) -> str:
    """The plain text, once the mail is seen to be the publication's."""
    assert message["Subject"].startswith(f"{SITE}: ")
    assert message["From"].addresses[0].display_name == SITE
    body = _text(message)
    assert body.rstrip().endswith(f"{SITE}\n{site_url}")
    html = _html(message)
    assert SITE in html and f'href="{site_url}"' in html
    for seen in (message["Subject"], str(message["From"]), body, html):
        assert not any(name in seen for name in NOT_OUR_NAME), seen
    return body


def test_the_sign_up_code_mail_is_the_publications_with_an_html_part(smtp):
    _sign_up("new1@example.test", first_name="Meera", last_name="Pillai")

    (message,) = smtp.for_address("new1@example.test")
    assert message["Subject"] == f"{SITE}: Confirm your e-mail address"
    body = _read(message)
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", body).group(1)
    assert code in _html(message)  # the code is in both parts, in the same words
    # The address is not confirmed yet: whoever typed the name may not own
    # it, so the first mail greets neutrally, never by the typed name nor by
    # the address or its first part.
    assert body.startswith("Hello,\n")
    assert "Meera" not in body and "new1" not in body


def test_a_password_reset_mail_greets_the_reader_by_name_and_links_to_the_site(smtp, asha):
    Client().post("/accounts/password/reset/", {"email": "asha@example.test"})

    (message,) = smtp.for_address("asha@example.test")
    assert message["Subject"] == f"{SITE}: Choose a new password"
    body = _read(message)
    assert body.startswith("Dear Asha Rao,")
    assert re.search(rf"^{re.escape(SITE_URL)}/accounts/password/reset/key/\S+/$", body, re.MULTILINE)


def test_a_reader_without_a_name_is_greeted_neutrally_never_by_address(smtp, django_user_model):
    django_user_model.objects.create_user(username="new2", email="new2@example.test", password="x" * 20)
    Client().post("/accounts/password/reset/", {"email": "new2@example.test"})

    (message,) = smtp.for_address("new2@example.test")
    body = _read(message)
    assert body.startswith("Hello,\n") and "new2" not in body.split(SITE_URL)[0]


def test_sign_up_with_a_registered_address_mails_its_owner_a_link_on_the_site(smtp, asha):
    _sign_up("asha@example.test", first_name="Intruder", last_name="Else")

    (message,) = smtp.for_address("asha@example.test")
    body = _read(message)
    assert body.startswith("Dear Asha Rao,") and "Intruder" not in body
    assert f"{SITE_URL}/accounts/password/reset/\n" in body


def test_a_reset_for_an_unknown_address_offers_sign_up_on_the_site(smtp):
    Client().post("/accounts/password/reset/", {"email": "nobody@example.test"})

    (message,) = smtp.for_address("nobody@example.test")
    assert message["Subject"] == f"{SITE}: No account with this address"
    body = _read(message)
    assert f"{SITE_URL}/accounts/signup/\n" in body


def test_without_a_site_url_account_mail_links_to_the_address_the_reader_used(smtp, settings, asha):
    """MASTHEAD_SITE_URL unset (a development server on another port): the
    links and signature are the running site's, not a default port's."""
    settings.MASTHEAD_SITE_URL = ""
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    Client(HTTP_HOST="127.0.0.1:8200").post("/accounts/password/reset/", {"email": "asha@example.test"})

    (message,) = smtp.for_address("asha@example.test")
    body = _text(message)
    assert body.rstrip().endswith(f"{SITE}\nhttp://127.0.0.1:8200")
    assert "http://127.0.0.1:8200/accounts/password/reset/key/" in body
    assert "localhost:8000" not in body and "[127.0.0.1" not in message["Subject"]
