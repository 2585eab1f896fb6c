import io
import re
from datetime import date, datetime, timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pypdfium2 as pdfium
import pytest
import time_machine
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone
from PIL import Image

from masthead.testing.subscriptions import make_plan
from masthead.epaper.models import EditionState
from masthead.epaper.services import SHARE_SALT, edition_upload
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.services import payment_refund
from masthead.subscriptions.models import Subscription
from masthead.subscriptions.models import SubscriptionStatus as S
from masthead.subscriptions.services import subscription_cancel, subscriptions_end_due
from masthead.subscriptions.states import subscription_move

from .factories import make_edition, make_reader, make_subscriber, pdf_upload

KOLKATA = ZoneInfo("Asia/Kolkata")
# 01:30 in Kolkata on 4 May is still 3 May in UTC: "today" is the publication's day.
NOW = datetime(2026, 5, 4, 1, 30, tzinfo=KOLKATA)
TODAY, YESTERDAY = date(2026, 5, 4), date(2026, 5, 3)


@pytest.fixture(autouse=True)
def small_pages(settings):
    # Access does not depend on the picture's size; small pages keep the tests quick.
    settings.MASTHEAD_EPAPER_PAGE_WIDTH = 400


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def editions(db):
    return {"today": make_edition(TODAY, pages=3), "yesterday": make_edition(YESTERDAY, pages=3)}


@pytest.fixture
def subscriber(django_user_model):
    client = Client()
    client.force_login(make_subscriber(django_user_model))
    return client


@pytest.fixture
def reader(django_user_model):
    """Signed in, but not subscribed."""
    client = Client()
    client.force_login(make_reader(django_user_model))
    return client


def visible(html: str) -> str:
    """The page's text as a reader sees it (tags dropped, spaces collapsed)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def image_url(day, number):
    return f"/epaper/{day}/pages/{number}.webp"


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_webp(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert "private" in response["Cache-Control"] and response["X-Content-Type-Options"] == "nosniff"
    assert Image.open(io.BytesIO(body(response))).format == "WEBP"


def assert_refused(response):
    assert response.status_code == 403
    data = body(response)
    assert not data.startswith(b"RIFF") and not data.startswith(b"%PDF")
    assert "X-Accel-Redirect" not in response


@pytest.mark.django_db
def test_subscribers_read_and_save_every_page_of_every_edition(editions, subscriber):
    for day in (TODAY, YESTERDAY):
        for number in (1, 2, 3):
            assert_webp(subscriber.get(image_url(day, number)))
            assert_webp(subscriber.get(f"/epaper/{day}/pages/{number}/thumbnail.webp"))
    whole = subscriber.get(f"/epaper/{YESTERDAY}/edition.pdf")
    assert whole.status_code == 200 and whole["Content-Type"] == "application/pdf"
    assert 'attachment; filename="epaper-2026-05-03.pdf"' == whole["Content-Disposition"]
    assert len(pdfium.PdfDocument(body(whole))) == 3
    one_page = subscriber.get(f"/epaper/{YESTERDAY}/pages/2/save.pdf")
    assert one_page["Content-Disposition"] == 'attachment; filename="epaper-2026-05-03-page-2.pdf"'
    assert len(pdfium.PdfDocument(body(one_page))) == 1
    picture = subscriber.get(f"/epaper/{YESTERDAY}/pages/2/save.webp")
    assert_webp(picture)
    assert picture["Content-Disposition"].startswith("attachment")

    page = subscriber.get(f"/epaper/{YESTERDAY}/?page=2").text
    assert "Save this page (PDF)" in page and "Share this page" in page
    assert image_url(YESTERDAY, 2) in page and "for subscribers" not in page.split('aria-label="All pages"')[0]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "reader"])
def test_readers_who_do_not_subscribe_see_only_todays_front_page(editions, who, reader, client):
    browser = reader if who == "reader" else client
    assert_webp(browser.get(image_url(TODAY, 1)))
    assert_refused(browser.get(image_url(TODAY, 2)))
    assert_refused(browser.get(f"/epaper/{TODAY}/pages/2/thumbnail.webp"))
    assert_refused(browser.get(image_url(YESTERDAY, 1)))

    front = browser.get(f"/epaper/{TODAY}/").text
    assert image_url(TODAY, 1) in front and "Today’s front page is free for everyone." in front
    assert "Page 1 / 3" in visible(front)

    inside = browser.get(f"/epaper/{TODAY}/?page=2").text
    assert "This page of the e-paper is for subscribers." in inside
    assert "Subscribe to read the e-paper" in inside
    assert image_url(TODAY, 2) not in inside and image_url(TODAY, 3) not in inside
    assert "Page 2 / 3" in visible(inside)

    old = browser.get(f"/epaper/{YESTERDAY}/").text
    assert "This page of the e-paper is for subscribers." in old and image_url(YESTERDAY, 1) not in old



@pytest.mark.django_db
def test_a_page_kept_for_subscribers_offers_the_plans(editions, client):
    make_plan(name="Smart Essential", price_minor=2_700_00, term_months=12)
    assert "Choose Smart Essential" in client.get(f"/epaper/{TODAY}/?page=2").text
    assert "Choose Smart Essential" not in client.get(f"/epaper/{TODAY}/").text

@pytest.mark.django_db
def test_saving_and_sharing_are_for_subscribers_only(editions, reader, client):
    for browser in (reader, client):
        assert_refused(browser.get(f"/epaper/{TODAY}/edition.pdf"))
        assert_refused(browser.get(f"/epaper/{TODAY}/pages/1/save.pdf"))
        assert_refused(browser.get(f"/epaper/{TODAY}/pages/1/save.webp"))
        assert browser.post(f"/epaper/{TODAY}/pages/1/share/").status_code == 403
        assert "Save this page" not in browser.get(f"/epaper/{TODAY}/").text


@pytest.mark.django_db
def test_the_front_page_turns_at_midnight_in_the_publications_zone(editions, client, clock):
    clock.move_to(datetime(2026, 5, 5, 0, 5, tzinfo=KOLKATA))
    # 4 May's front page is yesterday's now.
    assert_refused(client.get(image_url(TODAY, 1)))


def share(subscriber, day, number) -> str:
    page = subscriber.post(f"/epaper/{day}/pages/{number}/share/").text
    return re.search(r'value="(http://testserver/epaper/shared/[^"]+/)"', page).group(1).removeprefix("http://testserver")


@pytest.mark.django_db
def test_a_shared_page_opens_for_anyone_for_seven_days_then_shows_the_paywall(editions, subscriber, client, clock):
    link = share(subscriber, YESTERDAY, 2)
    token = link.split("/")[-2]
    shared = client.get(link)
    assert shared.status_code == 200
    assert "A subscriber shared this page with you." in shared.text
    shared_image = f"{image_url(YESTERDAY, 2)}?share={quote(token)}"
    assert shared_image in shared.text
    assert_webp(client.get(shared_image))
    # The link is for page 2 only: not page 3, not the same page of another edition.
    assert_refused(client.get(f"{image_url(YESTERDAY, 3)}?share={token}"))
    assert_refused(client.get(f"{image_url(TODAY, 2)}?share={token}"))
    assert_refused(client.get(f"/epaper/{YESTERDAY}/pages/2/save.pdf?share={token}"))

    clock.move_to(NOW + timedelta(days=6, hours=23))
    assert_webp(client.get(shared_image))
    clock.move_to(NOW + timedelta(days=7, minutes=1))
    expired = client.get(link)
    assert expired.status_code == 410
    assert "This share link expired on 11 May 2026." in expired.text and "Subscribe to read the e-paper" in expired.text
    refused = client.get(shared_image)
    assert_refused(refused)
    assert "expired" in refused.text


@pytest.mark.django_db
def test_a_new_share_link_says_when_it_runs_out_as_the_sites_other_times_do(editions, subscriber):
    """The site gives times as "1:30 AM IST" (bylines, previews), never a bare 24-hour "01:30"."""
    page = subscriber.post(f"/epaper/{YESTERDAY}/pages/2/share/").text
    assert "until 11 May 2026, 1:30 AM IST." in page


@pytest.mark.django_db
def test_a_share_link_is_on_the_sites_public_address(editions, subscriber, settings):
    """Behind a CDN the request's host may be an internal one: the link a
    subscriber copies and sends is on MASTHEAD_SITE_URL, like links in mail."""
    settings.MASTHEAD_SITE_URL = "https://news.example.test"
    page = subscriber.post(f"/epaper/{YESTERDAY}/pages/2/share/").text
    assert 'value="https://news.example.test/epaper/shared/' in page and "testserver" not in page


@pytest.mark.django_db
def test_an_altered_share_link_is_rejected_with_a_clear_message(editions, subscriber, client):
    link = share(subscriber, YESTERDAY, 2)
    token = link.split("/")[-2]
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    answer = client.get(f"/epaper/shared/{tampered}/")
    assert answer.status_code == 400
    assert "This share link is not valid: it may have been altered or copied incompletely." in answer.text
    assert_refused(client.get(f"{image_url(YESTERDAY, 2)}?share={tampered}"))
    # A genuine signature over another page's details does not exist: a
    # token signed for page 2 can only ever open page 2.
    from django.core import signing

    forged = signing.dumps({"e": editions["yesterday"].pk, "p": 3, "x": 2_000_000_000}, salt="another.salt")
    assert client.get(f"/epaper/shared/{forged}/").status_code == 400


# A share stands on the sharer's paid term, as a gift link does: a refund of
# that term's payment takes it back, whenever it comes (docs/benefits.md).

NO_LONGER_VALID = "This share link is no longer valid."


class RefundingProvider:
    def refund(self, *, payment_id: str, key: str = "") -> str:
        return "re_test_1"


def signed_in(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.mark.django_db
def test_a_refund_after_the_shared_term_ran_out_takes_the_share_back(editions, django_user_model, client, clock):
    sharer = make_subscriber(django_user_model)
    subscription = Subscription.objects.get(user=sharer)
    payment = Payment.objects.create(
        subscription=subscription, term_number=1, charge_key=f"masthead-sub{subscription.pk}-term1-try1",
        provider="stripe", provider_payment_id="pi_test_1", amount_minor=subscription.price_minor,
        status=PaymentStatus.SUCCEEDED, succeeded_at=NOW,
    )  # fmt: skip
    clock.move_to(subscription.term_end - timedelta(days=2))
    link = share(signed_in(sharer), YESTERDAY, 2)
    shared_image = f"{image_url(YESTERDAY, 2)}?share={link.split('/')[-2]}"
    subscription_cancel(subscription=subscription)
    clock.move_to(subscription.term_end + timedelta(hours=1))
    subscriptions_end_due()
    # The term ran out within the link's seven days, which still open the page…
    assert client.get(link).status_code == 200

    # …until the reader gets the term's money back; the subscription stays ended.
    payment_refund(payment=payment, provider=RefundingProvider())
    subscription.refresh_from_db()
    assert subscription.status == S.ENDED
    refused = client.get(link)
    assert refused.status_code == 410 and NO_LONGER_VALID in refused.text
    assert_refused(client.get(shared_image))


@pytest.mark.django_db
def test_a_refund_of_a_later_term_leaves_the_pages_shared_in_an_earlier_one(editions, django_user_model, client, clock):
    sharer = make_subscriber(django_user_model)
    subscription = Subscription.objects.get(user=sharer)
    clock.move_to(subscription.term_end - timedelta(days=2))
    link = share(signed_in(sharer), YESTERDAY, 2)
    clock.move_to(subscription.term_end)
    subscription_move(subscription=subscription, to=S.ACTIVE, reason="renewed", term_number=2,
                      term_start=timezone.now(), term_end=timezone.now() + timedelta(days=30))  # fmt: skip
    subscription_move(subscription=subscription, to=S.REFUNDED, reason="refunded_by_staff", ended_at=timezone.now())
    assert client.get(link).status_code == 200
    assert_webp(client.get(f"{image_url(YESTERDAY, 2)}?share={link.split('/')[-2]}"))


@pytest.mark.django_db
def test_a_page_shared_under_complimentary_access_stands_on_no_term(editions, django_user_model, client):
    guest = make_reader(django_user_model)
    guest.complimentary_access = True
    guest.save()
    assert client.get(share(signed_in(guest), YESTERDAY, 2)).status_code == 200


@pytest.mark.django_db
def test_a_link_made_before_links_named_their_sharer_is_refused_as_not_valid(editions, client):
    from django.core import signing

    expires = int((NOW + timedelta(days=3)).timestamp())
    older = signing.dumps({"e": editions["yesterday"].pk, "p": 2, "x": expires}, salt=SHARE_SALT, compress=True)
    answer = client.get(f"/epaper/shared/{older}/")
    assert answer.status_code == 400 and "This share link is not valid" in answer.text
    assert_refused(client.get(f"{image_url(YESTERDAY, 2)}?share={older}"))


@pytest.mark.django_db
def test_editions_still_rendering_are_invisible_to_everyone(subscriber):
    pending = edition_upload(day=TODAY, pdf=pdf_upload())
    assert pending.state == EditionState.PENDING
    assert subscriber.get(f"/epaper/{TODAY}/").status_code == 404
    assert subscriber.get(f"/epaper/{TODAY}/edition.pdf").status_code == 404
    assert str(TODAY.day) not in re.findall(r'<a href="/epaper/2026-05-04/"', subscriber.get("/epaper/").text)
    assert "/epaper/2026-05-04/" not in subscriber.get("/epaper/").text


@pytest.mark.django_db
def test_files_are_not_reachable_under_media_or_static(editions, subscriber, private_files):
    stored = [path.relative_to(private_files).as_posix() for path in private_files.rglob("*") if path.is_file()]
    assert any(name.endswith(".pdf") for name in stored) and any(name.endswith(".webp") for name in stored)
    for name in stored:
        for prefix in ("/media/", "/media/private/epaper/", "/static/", "/static/private/epaper/", "/private/epaper/"):
            assert subscriber.get(prefix + name).status_code == 404, prefix + name
    root = private_files.resolve()
    assert not root.is_relative_to(django_settings.MEDIA_ROOT) and not root.is_relative_to(django_settings.STATIC_ROOT)


@pytest.mark.django_db
def test_behind_nginx_the_file_is_handed_over_with_x_accel_redirect(editions, subscriber, client, settings):
    settings.MASTHEAD_EPAPER_ACCEL_REDIRECT = "/_protected/epaper/"
    answer = subscriber.get(image_url(YESTERDAY, 2))
    assert answer.status_code == 200 and answer.content == b""
    assert answer["X-Accel-Redirect"] == f"/_protected/epaper/{editions['yesterday'].pages.get(number=2).image.name}"
    assert answer["Content-Type"] == "image/webp" and "private" in answer["Cache-Control"]
    whole = subscriber.get(f"/epaper/{YESTERDAY}/edition.pdf")
    assert whole["X-Accel-Redirect"].endswith(".pdf") and whole["Content-Disposition"].startswith("attachment")
    assert_refused(client.get(image_url(YESTERDAY, 2)))


@pytest.mark.django_db
def test_the_calendar_links_each_edition_and_marks_the_latest(editions, client):
    make_edition(date(2026, 4, 28), pages=1)
    page = client.get("/epaper/").text
    assert "May 2026" in page
    assert 'href="/epaper/2026-05-03/"' in page
    assert re.search(r'href="/epaper/2026-05-04/" aria-label="Edition of Monday 4 May 2026 \(latest\)" aria-current="date"', page)
    assert 'href="/epaper/2026-05-02/"' not in page
    assert "Read the latest edition: Monday 4 May 2026" in page
    assert '?month=2026-04"' in page  # April has an edition: the month before is a link
    april = client.get("/epaper/?month=2026-04").text
    assert 'href="/epaper/2026-04-28/"' in april and '?month=2026-05"' in april
    assert client.get("/epaper/?month=nonsense").status_code == 200


@pytest.mark.django_db
def test_without_javascript_each_page_is_a_plain_link(editions, subscriber):
    page = subscriber.get(f"/epaper/{TODAY}/?page=2").text
    assert "Page 2 / 3" in visible(page) and 'href="?page=1"' in page and 'href="?page=3"' in page
    assert image_url(TODAY, 2) in page
    assert subscriber.get(f"/epaper/{TODAY}/?page=4").status_code == 404
    assert subscriber.get(f"/epaper/{TODAY}/?page=x").status_code == 404
    assert subscriber.get("/epaper/2026-02-30/").status_code == 404


@pytest.mark.django_db
def test_a_day_without_an_edition_says_so_and_links_the_nearest_editions(editions, client):
    make_edition(date(2026, 4, 28), pages=1)
    edition_upload(day=date(2026, 5, 1), pdf=pdf_upload())  # still rendering: not an edition to offer
    answer = client.get("/epaper/2026-05-01/")
    assert answer.status_code == 404
    text = visible(answer.text)
    assert "No e-paper edition on Friday 1 May 2026" in text and "The story may have moved" not in text
    assert "The nearest editions: Tuesday 28 April 2026 and Sunday 3 May 2026" in text
    assert 'href="/epaper/2026-04-28/"' in answer.text and 'href="/epaper/2026-05-03/"' in answer.text
    assert 'href="/epaper/?month=2026-05"' in answer.text
    # Past the newest edition there is only one side to offer.
    assert "The nearest editions: Monday 4 May 2026" in visible(client.get("/epaper/2026-06-10/").text)


@pytest.mark.django_db
def test_a_month_without_editions_says_so_and_links_the_nearest_months_with_some(editions, client):
    make_edition(date(2025, 11, 3), pages=1)
    empty = client.get("/epaper/?month=2026-02")
    assert empty.status_code == 200
    text = visible(empty.text)
    assert "February 2026" in text
    assert "No editions in February 2026. The nearest months with editions: November 2025 and May 2026" in text
    assert 'href="?month=2025-11"' in empty.text and 'href="?month=2026-05"' in empty.text
    assert "No editions in" not in visible(client.get("/epaper/?month=2026-05").text)
    before_all = visible(client.get("/epaper/?month=2019-03").text)
    assert "No editions in March 2019. The nearest months with editions: November 2025" in before_all


@pytest.mark.django_db
def test_a_month_the_calendar_cannot_read_is_not_replaced_silently(editions, client):
    for asked in ("2019-3", "nonsense", "0001-01"):
        text = visible(client.get("/epaper/", {"month": asked}).text)
        assert "We could not read the month asked for (write it as 2026-05), so this is May 2026." in text, asked
    assert "could not read" not in client.get("/epaper/").text
