"""Log-in and sign-up: one wording everywhere ("Log in", "Sign up"), the
site's own look, and, on the way to checkout, the plan the reader chose and
its price beside the form, worked out on the server from the plan in
``next`` (an unknown plan or another site's address shows nothing)."""

import re
from html import unescape
from urllib.parse import quote

import pytest
from django.test import Client

from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db

OTHER_WORDINGS = ("Sign In", "Sign in", "Sign Up", "Sign Out", "Sign out", "Signup", "signed in as")
CHECKOUT = "/subscribe/smart/"


@pytest.fixture
def smart():
    return make_plan(name="Smart", slug="smart", price_minor=300_00, term_months=1)


def _main(response) -> str:
    """What the page itself says (the header and footer are the site's)."""
    text = response.content.decode()
    title = re.search(r"<title>(.*?)</title>", text, re.S).group(1)
    return title + text[text.index("<main") : text.index("</main>")]


def _words(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_log_in_and_sign_up_pages_say_log_in_and_sign_up(client):
    log_in, sign_up = _main(client.get("/accounts/login/")), _main(client.get("/accounts/signup/"))

    assert "<h1>Log in</h1>" in log_in and '<button type="submit">Log in</button>' in log_in
    assert "<h1>Sign up</h1>" in sign_up and '<button type="submit">Sign up</button>' in sign_up
    assert "New here? Sign up" in _words(log_in) and "Already have an account? Log in" in _words(sign_up)
    for page in (log_in, sign_up):
        assert not any(wording in page for wording in OTHER_WORDINGS), page


def test_every_account_page_a_reader_meets_says_log_in(django_user_model):
    reader = django_user_model.objects.create_user(username="r", email="r@example.test", password="x" * 20)
    visitor, member = Client(), Client()
    member.force_login(reader)
    pages = [visitor.get(path) for path in ("/accounts/password/reset/", "/accounts/password/reset/done/")]
    pages += [member.get(path) for path in ("/accounts/logout/", "/accounts/password/change/", "/accounts/email/", "/account/")]
    for response in pages:
        assert response.status_code == 200, response.request["PATH_INFO"]
        page = _main(response)
        assert not any(wording in page for wording in OTHER_WORDINGS), (response.request["PATH_INFO"], page)
    logout = _words(_main(pages[2]))
    assert "Log out" in logout


def test_logging_out_says_so_in_the_same_words(django_user_model):
    reader = django_user_model.objects.create_user(username="r", email="r@example.test", password="x" * 20)
    member = Client()
    member.force_login(reader)
    assert "You are logged out." in member.post("/accounts/logout/", follow=True).text


def test_on_the_way_to_checkout_sign_up_and_log_in_show_the_plan_and_its_price(client, smart):
    for path in ("/accounts/signup/", "/accounts/login/"):
        page = _words(_main(client.get(f"{path}?next={quote(CHECKOUT)}")))
        assert "You chose Smart ₹300 a month" in page, page
        assert "GST included" in page


def test_a_longer_term_shows_its_price_and_what_it_comes_to_a_month(client):
    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    make_plan(name="Smart Essential", slug="smart-essential", price_minor=2_700_00, term_months=12)

    quarterly = _words(_main(client.get("/accounts/signup/?next=/subscribe/smart-quarterly/")))
    yearly = _words(_main(client.get("/accounts/signup/?next=/subscribe/smart-essential/")))

    assert "You chose Smart Quarterly ₹900 for 3 months (₹300 a month)" in quarterly
    assert "You chose Smart Essential ₹2,700 a year (₹225 a month)" in yearly


@pytest.mark.parametrize(
    "next_url",
    [
        "/subscribe/nonesuch/",  # no such plan
        "/subscribe/retired/",  # a plan no longer on sale
        "https://elsewhere.example/subscribe/smart/",  # another site's address
        "//elsewhere.example/subscribe/smart/",
        "/account/",  # not a checkout
        "/subscribe/",
    ],
)
def test_any_other_next_shows_no_plan_and_changes_nothing_else(client, smart, next_url):
    make_plan(name="Retired", slug="retired", price_minor=100_00, term_months=1, is_active=False)
    plain = _words(_main(client.get("/accounts/signup/")))

    page = _words(_main(client.get(f"/accounts/signup/?next={quote(next_url)}")))

    assert "You chose" not in page and "₹" not in page
    assert page == plain


def test_the_plan_stays_beside_the_form_when_sign_up_is_sent_back_with_an_error(client, smart):
    response = client.post(
        f"/accounts/signup/?next={quote(CHECKOUT)}",
        {"email": "new@example.test", "password1": "a fresh long passphrase", "password2": "another one", "next": CHECKOUT},
    )
    page = _words(_main(response))
    assert "You must type the same password each time" in page
    assert "You chose Smart ₹300 a month" in page


def test_switching_between_log_in_and_sign_up_keeps_the_way_to_checkout(client, smart):
    log_in = client.get(f"/accounts/login/?next={quote(CHECKOUT)}").text
    sign_up = client.get(f"/accounts/signup/?next={quote(CHECKOUT)}").text

    sign_up_link = re.search(r'<a href="([^"]+)">Sign up</a>', log_in).group(1)
    log_in_link = re.search(r'<a href="([^"]+)">Log in</a>', sign_up[sign_up.index("<main") :]).group(1)
    assert unescape(sign_up_link) == f"/accounts/signup/?next={quote(CHECKOUT, safe='')}"
    assert unescape(log_in_link) == f"/accounts/login/?next={quote(CHECKOUT, safe='')}"
    # Both keep the plan beside the form after the switch.
    assert "You chose Smart" in client.get(unescape(sign_up_link)).text
    assert "You chose Smart" in client.get(unescape(log_in_link)).text


def test_after_sign_up_the_code_page_says_what_to_do_in_the_sites_words(client, smtp):
    page = client.post(
        "/accounts/signup/",
        {"email": "new@example.test", "password1": "a fresh long passphrase", "password2": "a fresh long passphrase"},
        follow=True,
    )
    words = _words(_main(page))
    assert words.startswith("Confirm your e-mail address")
    assert "Confirm your e-mail address" in words and "Confirm Cancel" in words
    assert not any(wording in words for wording in OTHER_WORDINGS)
    # The notice above it too says "e-mail", as the rest of the site does.
    assert "We have e-mailed a confirmation code to new@example.test." in words
    assert "email" not in words.replace("new@example.test", "").lower()



def test_the_forgotten_password_pages_speak_as_log_in_does(client, smtp):
    ask = _words(_main(client.get("/accounts/password/reset/")))
    assert ask.startswith("Reset your password")
    assert "E-mail me a link" in ask and "Remembered it? Log in" in ask
    sent = _words(_main(client.post("/accounts/password/reset/", {"email": "someone@example.test"}, follow=True)))
    assert sent.startswith("Check your e-mail")
    for words in (ask, sent):
        assert not any(wording in words for wording in (*OTHER_WORDINGS, "Password Reset", "Reset My Password", "email"))
