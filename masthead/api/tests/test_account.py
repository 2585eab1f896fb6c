"""The signed-in reader's account through the API: who they are, their
newsletters, devices and gifts; and what an unsigned or signed-out app gets."""

import pytest
from allauth.usersessions.models import UserSession
from django.test import Client

from masthead.devices.models import DeviceSettings
from masthead.gifts.models import GiftSettings
from masthead.newsletters.models import Newsletter, NewsletterSubscription
from masthead.subscriptions import services
from masthead.testing.newsroom import make_article
from masthead.testing.subscriptions import make_plan

from .conftest import PASSWORD, app, sign_in

pytestmark = pytest.mark.django_db


def test_me_says_who_is_signed_in_and_whether_they_subscribe(subscriber, reader):
    mine = app(sign_in(subscriber)).get("/api/v1/me").json()
    assert mine["email"] == "asha@example.test" and mine["name"] == "Asha Rao"
    assert mine["subscriber"] is True
    assert mine["subscription"]["status"] == "active" and mine["subscription"]["term_end"]
    theirs = app(sign_in(reader)).get("/api/v1/me").json()
    assert theirs["subscriber"] is False and theirs["subscription"] is None


def test_me_without_a_token_or_with_a_dead_one_is_a_json_401():
    for client in (app(), app("not-a-real-token")):
        response = client.get("/api/v1/me")
        assert response.status_code == 401
        assert response.json()["code"] == "not_signed_in"


def test_newsletters_are_chosen_and_subscriber_only_ones_refused_for_others(reader, subscriber):
    # The publication's own newsletters (a data migration): Politics for
    # everyone, Markets for subscribers.
    assert not Newsletter.objects.get(slug="politics").subscribers_only
    assert Newsletter.objects.get(slug="markets").subscribers_only
    client = app(sign_in(reader))
    offered = {n["slug"]: n for n in client.get("/api/v1/me/newsletters").json()}
    assert offered["politics"]["offered"] and not offered["markets"]["offered"]

    chosen = client.put("/api/v1/me/newsletters", {"newsletters": ["politics"]}, content_type="application/json")
    assert chosen.status_code == 200
    assert [n["slug"] for n in chosen.json() if n["chosen"]] == ["politics"]

    refused = client.put(
        "/api/v1/me/newsletters", {"newsletters": ["markets"]}, content_type="application/json"
    )
    assert refused.status_code == 403
    assert refused.json() == {"code": "subscribers_only", "message": "Markets comes with a subscription. Nothing was changed."}
    assert list(NewsletterSubscription.objects.filter(user=reader).values_list("newsletter__slug", flat=True)) == ["politics"]

    unknown = client.put("/api/v1/me/newsletters", {"newsletters": ["nope"]}, content_type="application/json")
    assert unknown.status_code == 400 and unknown.json()["code"] == "unknown_newsletter"

    theirs = app(sign_in(subscriber)).put(
        "/api/v1/me/newsletters", {"newsletters": ["markets", "politics"]}, content_type="application/json"
    )
    assert {n["slug"] for n in theirs.json() if n["chosen"]} == {"markets", "politics"}


def test_devices_list_the_app_by_its_name_and_sign_out_another(reader):
    laptop = Client(HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0")
    assert laptop.post("/accounts/login/", {"login": reader.email, "password": PASSWORD}).status_code == 302
    phone_token = sign_in(reader, device="Ravi's Pixel")
    tablet_token = sign_in(reader, device="Ravi's tablet")
    phone = app(phone_token)

    devices = phone.get("/api/v1/me/devices").json()
    by_name = {d["name"]: d for d in devices}
    assert set(by_name) == {"Firefox on Linux", "Ravi's Pixel", "Ravi's tablet"}
    assert by_name["Ravi's Pixel"]["is_current"] and by_name["Ravi's Pixel"]["kind"] == "app"
    assert by_name["Firefox on Linux"]["kind"] == "web" and not by_name["Firefox on Linux"]["is_current"]

    gone = phone.delete(f"/api/v1/me/devices/{by_name["Ravi's tablet"]["id"]}")
    assert gone.status_code == 204
    assert app(tablet_token).get("/api/v1/me").status_code == 401
    assert phone.get("/api/v1/me").status_code == 200
    assert {d["name"] for d in phone.get("/api/v1/me/devices").json()} == {"Firefox on Linux", "Ravi's Pixel"}

    phone.delete(f"/api/v1/me/devices/{by_name['Firefox on Linux']['id']}")
    assert laptop.get("/account/").status_code == 302, "the browser is signed out too"


def test_an_unknown_or_someone_elses_device_is_a_json_404(reader, subscriber):
    app(sign_in(subscriber))
    theirs = UserSession.objects.get(user=subscriber)
    client = app(sign_in(reader))
    for device_id in (theirs.pk, 999_999):
        response = client.delete(f"/api/v1/me/devices/{device_id}")
        assert response.status_code == 404
        assert response.json() == {"code": "device_not_found", "message": "No such device on this account."}
    assert UserSession.objects.filter(pk=theirs.pk).exists()


def test_signing_in_beyond_the_device_limit_signs_out_the_least_recently_used_app(reader):
    DeviceSettings(devices_per_account=2).save()
    first = sign_in(reader, device="First phone")
    sign_in(reader, device="Second phone")
    sign_in(reader, device="Third phone")
    assert app(first).get("/api/v1/me").status_code == 401


def test_gifts_are_made_listed_and_limited_by_the_monthly_allowance(subscriber, reader):
    GiftSettings(gifts_per_month=2).save()
    articles = [make_article() for _ in range(3)]
    client = app(sign_in(subscriber))
    for article in articles[:2]:
        made = client.post("/api/v1/me/gifts", {"article": article.slug}, content_type="application/json")
        assert made.status_code == 201
        assert made.json()["url"].startswith(f"http://testserver{article.get_absolute_url()}?gift=")
    used_up = client.post("/api/v1/me/gifts", {"article": articles[2].slug}, content_type="application/json")
    assert used_up.status_code == 400
    assert used_up.json()["code"] == "gift_allowance_used"
    assert used_up.json()["message"].startswith("You have used all 2 gift articles for this month.")

    mine = client.get("/api/v1/me/gifts").json()
    assert mine["allowance"]["left"] == 0 and mine["allowance"]["allowed"] == 2
    assert {g["article"]["slug"] for g in mine["sent"]} == {a.slug for a in articles[:2]}

    not_subscribed = app(sign_in(reader)).post(
        "/api/v1/me/gifts", {"article": articles[2].slug}, content_type="application/json"
    )
    assert not_subscribed.status_code == 403 and not_subscribed.json()["code"] == "not_subscriber"
    missing = client.post("/api/v1/me/gifts", {"article": "no-such-story"}, content_type="application/json")
    assert missing.status_code == 404 and missing.json()["code"] == "article_not_found"


def _sign_in_attempt(email: str, password: str):
    return Client().post(
        "/api/auth/app/v1/auth/login", {"email": email, "password": password}, content_type="application/json"
    )


def test_repeated_failed_sign_ins_lock_the_account_then_the_address_gets_429(reader):
    """allauth's limits: five failures on one account in five minutes lock it
    (even the right password is refused, with its own code); thirty sign-ins a
    minute from one address are answered 429 Too Many Requests."""
    first = _sign_in_attempt(reader.email, "wrong")
    assert first.status_code == 400
    for _ in range(4):
        _sign_in_attempt(reader.email, "wrong")
    locked = _sign_in_attempt(reader.email, PASSWORD)
    assert locked.status_code == 400
    assert [error["code"] for error in locked.json()["errors"]] == ["too_many_login_attempts"]

    statuses = [_sign_in_attempt(f"guess{n}@example.test", "wrong").status_code for n in range(30)]
    assert statuses[-1] == 429 and 429 not in statuses[:24]


def test_me_says_when_the_subscription_is_in_its_trial(subscriber, django_user_model):
    assert app(sign_in(subscriber)).get("/api/v1/me").json()["subscription"]["in_trial"] is False
    trialist = django_user_model.objects.create_user(username="tia", email="tia@example.test", password=PASSWORD)
    plan = make_plan(trial_days=14)
    trial = services.subscription_activate(subscription=services.subscription_begin(user=trialist, plan=plan))
    mine = app(sign_in(trialist)).get("/api/v1/me").json()["subscription"]
    assert mine["in_trial"] is True and mine["status"] == "active"
    assert mine["term_end"].startswith(f"{trial.term_end:%Y-%m-%d}")
