"""The registration wall, as a reader meets it over HTTP: N free articles
anonymously, then "sign up free to read M more", an inline sign-up that
brings them back to the story with its full text, and the funnel's events."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client, RequestFactory
from django.utils import timezone

from masthead.access.app_settings import app_settings

from masthead.access.readers import anonymous_id_from, reader_key
from masthead.access.wall import wall_marker
from masthead.metering.events import funnel_events_flush
from masthead.metering.models import FunnelEvent, FunnelEventKind
from masthead.metering.period import meter_period
from masthead.metering.stores import meter_store
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article

pytestmark = pytest.mark.django_db

BODY_BEYOND_LEAD_IN = "Second paragraph of the story."
PAYWALL = "Subscribe now for unlimited access."
READER_COOKIE = app_settings.READER_COOKIE
PASSWORD = "a fresh long passphrase 42"


def _stories(count):
    return [make_article(headline=f"Story {n}") for n in range(count)]


def _events(kind) -> list[tuple[int, int]]:
    funnel_events_flush()
    return list(FunnelEvent.objects.filter(kind=kind).values_list("article_id", "count"))


def _marker_in(page: str) -> str:
    return re.search(r'name="from_wall" value="([^"]+)"', page).group(1)


def _code(smtp, email) -> str:
    (message,) = [message for address, message in smtp.messages if address == email]
    return re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", message.get_body(("plain",)).get_content()).group(1)


def _sign_up_from(client, smtp, page, *, email, first_name="Asha", next_url):
    """Post the wall's form as the browser would (its hidden fields included),
    then type the mailed code; the last response."""
    response = client.post(
        "/accounts/signup/",
        {
            "first_name": first_name,
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "next": next_url,
            "from_wall": _marker_in(page),
        },
    )
    assert response.status_code == 302 and response["Location"].startswith("/accounts/confirm-email/")
    return client.post(response["Location"], {"code": _code(smtp, email)})


def test_over_n_an_anonymous_reader_meets_the_registration_wall_not_the_paywall(client):
    set_meter(free_limit=2, account_extra=3)
    first, second, third = _stories(3)
    assert "1 of 2 free articles left this month." in client.get(first.get_absolute_url()).text
    assert "This is your last free article this month." in client.get(second.get_absolute_url()).text
    page = client.get(third.get_absolute_url()).text
    assert "Sign up free to read 3 more stories this month" in page
    assert "You’ve read your 2 free articles this month." in page
    assert BODY_BEYOND_LEAD_IN not in page
    assert PAYWALL not in page and "Subscribe to read the full story" not in page
    # The inline form: to allauth's sign-up, back to this story.
    assert 'action="/accounts/signup/"' in page
    assert f'<input type="hidden" name="next" value="{third.get_absolute_url()}">' in page
    for field in ("first_name", "email", "password1", "password2"):
        assert f'name="{field}"' in page
    assert f'href="/accounts/login/?next={third.get_absolute_url()}"' in page
    assert f'href="/subscribe/?from={third.pk}"' in page


def test_one_more_story_is_said_in_the_singular_and_a_hard_wall_says_nothing_of_free_articles(client):
    set_meter(free_limit=0, account_extra=1)
    (story,) = _stories(1)
    page = client.get(story.get_absolute_url()).text
    assert "Sign up free to read 1 more story this month" in page
    assert "free articles this month" not in page and "You’ve read" not in page


def test_with_no_extra_articles_the_paywall_is_as_before(client):
    set_meter(free_limit=1, account_extra=0)
    first, second = _stories(2)
    client.get(first.get_absolute_url())
    page = client.get(second.get_absolute_url()).text
    assert "You’ve reached your limit of 1 free article this month." in page
    assert "Sign up free" not in page and 'name="from_wall"' not in page


def test_a_signed_in_reader_reads_n_plus_m_and_then_meets_the_paywall(client, django_user_model):
    set_meter(free_limit=1, account_extra=2)
    client.force_login(django_user_model.objects.create_user(username="r", email="r@example.test", password=PASSWORD))
    stories = _stories(4)
    pages = [client.get(story.get_absolute_url()).text for story in stories]
    assert all(BODY_BEYOND_LEAD_IN in page for page in pages[:3])
    assert "You’ve reached your limit of 3 free articles this month." in pages[3]
    assert "Sign up free" not in pages[3]


def test_the_wall_is_a_funnel_step_of_its_own(client):
    set_meter(free_limit=1, account_extra=2)
    first, second = _stories(2)
    client.get(first.get_absolute_url())
    client.get(second.get_absolute_url())
    client.get(second.get_absolute_url())
    assert _events(FunnelEventKind.REGISTRATION_WALL_SHOWN) == [(second.pk, 2)]
    assert _events(FunnelEventKind.PAYWALL_SHOWN) == []


def test_signing_up_on_the_wall_returns_to_the_story_in_full_with_the_count_carried_over(client, smtp):
    set_meter(free_limit=2, account_extra=3)
    first, second, third = _stories(3)
    client.get(first.get_absolute_url())
    client.get(second.get_absolute_url())
    probe = RequestFactory().get("/")
    probe.COOKIES[READER_COOKIE] = client.cookies[READER_COOKIE].value
    anonymous = reader_key(user=None, anonymous_id=anonymous_id_from(probe))
    wall = client.get(third.get_absolute_url()).text

    confirmed = _sign_up_from(client, smtp, wall, email="asha@example.test", next_url=third.get_absolute_url())
    assert confirmed.status_code == 302 and confirmed["Location"] == third.get_absolute_url()
    page = client.get(confirmed["Location"]).text
    assert BODY_BEYOND_LEAD_IN in page
    # Two carried over, the third now: 5 - 3 left, by name.
    assert "Asha, you have 2 of 5 free articles left this month." in page
    assert _events(FunnelEventKind.REGISTERED_FROM_WALL) == [(third.pk, 1)]
    # The anonymous count stays: logging out does not hand back the wall's articles.
    assert len(meter_store().articles(reader=anonymous, period=meter_period(timezone.now()))) == 2


def test_a_mistake_in_the_wall_form_keeps_the_way_back_and_the_wall_marker(client, smtp):
    set_meter(free_limit=0, account_extra=1)
    (story,) = _stories(1)
    wall = client.get(story.get_absolute_url()).text
    fields = {"email": "m@example.test", "password1": PASSWORD, "next": story.get_absolute_url(), "from_wall": _marker_in(wall)}
    mistake = client.post("/accounts/signup/", fields | {"password2": "not the same"})
    assert mistake.status_code == 200 and "You must type the same password each time." in mistake.text
    assert f'<input type="hidden" name="next" value="{story.get_absolute_url()}">' in mistake.text
    corrected = client.post("/accounts/signup/", fields | {"password2": PASSWORD, "from_wall": _marker_in(mistake.text)})
    confirmed = client.post(corrected["Location"], {"code": _code(smtp, "m@example.test")})
    assert confirmed["Location"] == story.get_absolute_url()
    assert _events(FunnelEventKind.REGISTERED_FROM_WALL) == [(story.pk, 1)]


def test_where_addresses_need_no_confirming_the_sign_up_itself_counts_and_returns_to_the_story(client, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "none"
    set_meter(free_limit=0, account_extra=2)
    (story,) = _stories(1)
    wall = client.get(story.get_absolute_url()).text
    response = client.post(
        "/accounts/signup/",
        {"email": "n@example.test", "password1": PASSWORD, "password2": PASSWORD,
         "next": story.get_absolute_url(), "from_wall": _marker_in(wall)},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == story.get_absolute_url()
    assert BODY_BEYOND_LEAD_IN in client.get(story.get_absolute_url()).text
    assert _events(FunnelEventKind.REGISTERED_FROM_WALL) == [(story.pk, 1)]


def test_the_wall_form_passes_the_csrf_check_of_a_strict_browser(smtp):
    """The wall's page is cached for every reader; each gets their own CSRF token in it."""
    set_meter(free_limit=0, account_extra=1)
    (story,) = _stories(1)
    for email in ("one@example.test", "two@example.test"):
        browser = Client(enforce_csrf_checks=True)
        page = browser.get(story.get_absolute_url()).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        response = browser.post(
            "/accounts/signup/",
            {"csrfmiddlewaretoken": token, "email": email, "password1": PASSWORD, "password2": PASSWORD,
             "next": story.get_absolute_url(), "from_wall": _marker_in(page)},
        )  # fmt: skip
        assert response.status_code == 302 and urlsplit(response["Location"]).path == "/accounts/confirm-email/"


def test_registered_readers_meter_notices_name_them_and_the_last_one_too(client, django_user_model):
    set_meter(free_limit=2, account_extra=0)
    client.force_login(
        django_user_model.objects.create_user(username="a", email="a@example.test", password=PASSWORD, first_name="Asha")
    )
    first, second = _stories(2)
    assert "Asha, you have 1 of 2 free articles left this month." in client.get(first.get_absolute_url()).text
    assert "Asha, this is your last free article this month." in client.get(second.get_absolute_url()).text


def test_a_name_in_a_notice_is_escaped(client, django_user_model):
    set_meter(free_limit=2)
    client.force_login(
        django_user_model.objects.create_user(username="x", email="x@example.test", password=PASSWORD, first_name="<b>Eve</b>")
    )
    (story,) = _stories(1)
    page = client.get(story.get_absolute_url()).text
    assert "&lt;b&gt;Eve&lt;/b&gt;, you have 1 of 2 free articles left this month." in page
    assert "<b>Eve</b>" not in page


def test_a_reader_without_a_first_name_keeps_the_plain_notice(client, django_user_model):
    set_meter(free_limit=2)
    client.force_login(django_user_model.objects.create_user(username="n", email="n@example.test", password=PASSWORD))
    (story,) = _stories(1)
    assert "1 of 2 free articles left this month." in client.get(story.get_absolute_url()).text


def test_the_app_api_says_the_registration_wall_and_an_accounts_limit():
    from masthead.api.tests.conftest import app

    set_meter(free_limit=1, account_extra=2)
    first, second = _stories(2)
    reader = app()
    answer = reader.get(f"/api/v1/articles/{first.slug}")
    walled = app(reader=answer["X-Reader"]).get(f"/api/v1/articles/{second.slug}").json()
    assert walled["access"] == "lead_in" and walled["reason"] == "registration_wall"
    assert walled["meter"] == {"views": 1, "free_limit": 1, "views_left": 0}
    assert walled["registration_wall"] == {"more": 2}
    # Within the free articles there is no wall to speak of.
    assert app().get(f"/api/v1/articles/{first.slug}").json()["registration_wall"] is None


def test_a_marker_is_tied_to_its_article():
    from masthead.access.wall import wall_article

    assert wall_article(wall_marker(42)) == 42
    assert wall_article("42") is None and wall_article(None) is None


# --- Attacks -------------------------------------------------------------------


def test_a_next_off_the_site_is_not_followed_after_a_wall_sign_up(client, smtp):
    set_meter(free_limit=0, account_extra=1)
    (story,) = _stories(1)
    wall = client.get(story.get_absolute_url()).text
    confirmed = _sign_up_from(client, smtp, wall, email="eve@example.test", next_url="https://evil.example/phish")
    assert confirmed.status_code == 302 and not urlsplit(confirmed["Location"]).netloc
    assert "evil" not in confirmed["Location"]


@pytest.mark.parametrize(
    "forged",
    [
        "42",  # a bare id
        "42:1vXyZ:notasignature",  # a made-up signature
        "",  # none
    ],
)
def test_a_forged_wall_marker_counts_no_sign_up_from_the_wall(client, smtp, forged):
    set_meter(free_limit=0, account_extra=1)
    (story,) = _stories(1)
    response = client.post(
        "/accounts/signup/",
        {"email": "f@example.test", "password1": PASSWORD, "password2": PASSWORD, "from_wall": forged or str(story.pk)},
    )
    client.post(response["Location"], {"code": _code(smtp, "f@example.test")})
    assert client.get("/").wsgi_request.user.is_authenticated  # the sign-up itself went through
    assert _events(FunnelEventKind.REGISTERED_FROM_WALL) == []


def test_a_marker_in_the_query_or_from_another_signer_counts_nothing(client, smtp):
    from django.core import signing

    set_meter(free_limit=0, account_extra=1)
    (story,) = _stories(1)
    other_salt = signing.TimestampSigner(salt="another.salt").sign(str(story.pk))
    response = client.post(
        f"/accounts/signup/?from_wall={wall_marker(story.pk)}",
        {"email": "q@example.test", "password1": PASSWORD, "password2": PASSWORD, "from_wall": other_salt},
    )
    client.post(response["Location"], {"code": _code(smtp, "q@example.test")})
    assert _events(FunnelEventKind.REGISTERED_FROM_WALL) == []


def test_an_expired_marker_counts_nothing(client, smtp):
    import time_machine

    set_meter(free_limit=0, account_extra=1)
    (story,) = _stories(1)
    with time_machine.travel(timezone.now() - timezone.timedelta(days=2)):
        old = wall_marker(story.pk)
    response = client.post(
        "/accounts/signup/", {"email": "o@example.test", "password1": PASSWORD, "password2": PASSWORD, "from_wall": old}
    )
    client.post(response["Location"], {"code": _code(smtp, "o@example.test")})
    assert _events(FunnelEventKind.REGISTERED_FROM_WALL) == []


def test_a_copied_marker_counts_only_real_new_accounts_once_each(smtp, django_user_model):
    set_meter(free_limit=0, account_extra=1)
    (story,) = _stories(1)
    django_user_model.objects.create_user(username="taken", email="taken@example.test", password=PASSWORD)
    marker = wall_marker(story.pk)
    # An address that already has an account: sign-up creates nothing, counts nothing.
    Client().post(
        "/accounts/signup/", {"email": "taken@example.test", "password1": PASSWORD, "password2": PASSWORD, "from_wall": marker}
    )
    # A sign-up left unconfirmed counts nothing either.
    Client().post(
        "/accounts/signup/", {"email": "never@example.test", "password1": PASSWORD, "password2": PASSWORD, "from_wall": marker}
    )
    assert _events(FunnelEventKind.REGISTERED_FROM_WALL) == []
    # A confirmed one counts once, however often the confirmation is replayed.
    reader = Client()
    response = reader.post(
        "/accounts/signup/", {"email": "new@example.test", "password1": PASSWORD, "password2": PASSWORD, "from_wall": marker}
    )
    code = _code(smtp, "new@example.test")
    reader.post(response["Location"], {"code": code})
    reader.post(response["Location"], {"code": code})
    assert _events(FunnelEventKind.REGISTERED_FROM_WALL) == [(story.pk, 1)]


def test_replaying_the_cookie_from_before_the_wall_opens_nothing_more(client):
    set_meter(free_limit=2, account_extra=2)
    first, second, third = _stories(3)
    client.get(first.get_absolute_url())
    early = client.cookies[READER_COOKIE].value
    client.get(second.get_absolute_url())
    client.cookies[READER_COOKIE] = early  # the receipt says one read; the server counted two
    page = client.get(third.get_absolute_url()).text
    assert BODY_BEYOND_LEAD_IN not in page and "Sign up free to read 2 more stories this month" in page
