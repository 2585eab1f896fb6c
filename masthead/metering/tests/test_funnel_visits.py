"""Each funnel event is counted under where the visit came from (referrer
class) and what it was read on (device class), and under nothing that names
the reader: the path from a story to a first payment keeps the class the
visit arrived with."""

import re

import pytest
from django.db.models import Sum
from django.test import Client

from masthead.metering.events import device_class, funnel_events_flush, referrer_class
from masthead.metering.models import FunnelEvent, FunnelEventKind
from masthead.subscriptions import services
from masthead.subscriptions.models import Subscription
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article
from masthead.testing.subscriptions import make_plan

IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
ANDROID_PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"
ANDROID_TABLET = "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
IPAD = "Mozilla/5.0 (iPad; CPU OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.0 Mobile/15E148 Safari/604.1"
WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15"


@pytest.mark.parametrize(
    "referer, utm_medium, carried, expected",
    [
        ("", "", "", "direct"),
        ("https://www.google.com/", "", "", "search"),
        ("https://www.google.co.in/search?q=rates", "", "", "search"),
        ("https://www.bing.com/", "", "", "search"),
        ("https://duckduckgo.com/", "", "", "search"),
        ("https://search.brave.com/search?q=x", "", "", "search"),
        ("https://t.co/abc", "", "", "social"),
        ("https://m.facebook.com/", "", "", "social"),
        ("https://l.instagram.com/", "", "", "social"),
        ("https://www.linkedin.com/feed/", "", "", "social"),
        ("https://mail.google.com/mail/u/0/", "", "", "newsletter"),
        ("https://outlook.live.com/", "", "", "newsletter"),
        ("android-app://com.google.android.gm/", "", "", "app"),
        ("https://example.org/blog", "", "", "other"),
        ("not a url", "", "", "other"),
        ("http://[::1", "", "", "other"),
        # The link's own word wins over the Referer.
        ("https://www.google.com/", "email", "", "newsletter"),
        ("", "Social", "", "social"),
        ("", "cpc", "", "search"),
        ("", "app", "", "app"),
        ("", "billboard", "", "other"),
        # A step within the site keeps the visit's class, or is direct.
        ("https://news.example.test/2026/rates/", "", "search", "search"),
        ("https://news.example.test/2026/rates/", "", "", "direct"),
        ("https://news.example.test/2026/rates/", "", "<script>", "direct"),
        # Only this site's own links may carry a class: elsewhere it is ignored.
        ("https://example.org/", "", "search", "other"),
        ("", "", "social", "direct"),
    ],
)
def test_referrer_class(referer, utm_medium, carried, expected):
    assert referrer_class(referer=referer, utm_medium=utm_medium, own_host="news.example.test", carried=carried) == expected


@pytest.mark.parametrize(
    "agent, expected",
    [(IPHONE, "phone"), (ANDROID_PHONE, "phone"), (ANDROID_TABLET, "tablet"), (IPAD, "tablet"), (WINDOWS, "desktop"),
     (MAC, "desktop"), ("", "desktop"), ("Mozilla/5.0 (Windows Phone 10.0; Android 6.0.1) Mobile", "phone"),
     ("Mozilla/5.0 (Linux; U; Android 4.0.3; en-us; KFTT Build/IML74K) Silk/3.68", "tablet")],
)  # fmt: skip
def test_device_class(agent, expected):
    assert device_class(agent) == expected



def _counts(kind) -> dict:
    funnel_events_flush()
    rows = FunnelEvent.objects.filter(kind=kind).values("article_id", "referrer", "device").annotate(n=Sum("count"))
    return {(row["article_id"], row["referrer"], row["device"]): row["n"] for row in rows}


def test_events_name_no_reader():
    """No account, cookie id, e-mail address or IP can be stored with an event."""
    columns = {field.name for field in FunnelEvent._meta.get_fields()}
    assert columns == {"id", "kind", "article_id", "reason", "referrer", "device", "occurred_at", "count"}


@pytest.mark.django_db
def test_a_reader_from_search_on_a_phone_is_counted_so_from_story_to_first_payment(django_user_model):
    set_meter(free_limit=0)
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    story = make_article(headline="Inside the rate decision")
    reader = django_user_model.objects.create_user(username="member", email="member@example.test", password="x" * 20)
    client = Client(HTTP_USER_AGENT=IPHONE)
    client.force_login(reader)

    page = client.get(story.get_absolute_url(), HTTP_REFERER="https://www.google.co.in/").content.decode()
    assert _counts(FunnelEventKind.STORY_VIEW) == {(story.pk, "search", "phone"): 1}
    assert _counts(FunnelEventKind.PAYWALL_SHOWN) == {(story.pk, "search", "phone"): 1}

    # The paywall's links carry the visit's class on: the next page's Referer is this site.
    choose = re.search(r'<a class="button" href="([^"]+)">Choose Smart Quarterly</a>', page).group(1).replace("&amp;", "&")
    assert choose == f"/subscribe/smart-quarterly/?from={story.pk}&via=search"
    own = "http://testserver" + story.get_absolute_url()
    checkout = client.get(choose, HTTP_REFERER=own)
    assert checkout.status_code == 200
    assert _counts(FunnelEventKind.SUBSCRIBE_CLICKED) == {(story.pk, "search", "phone"): 1}

    sent = client.post(choose, {"name": "Asha Rao", "state_code": "29", "gstin": "", "code": "", "offer_shown": ""},
                       HTTP_REFERER="http://testserver" + choose)  # fmt: skip
    assert sent.status_code == 302
    assert _counts(FunnelEventKind.CHECKOUT_STARTED) == {(story.pk, "search", "phone"): 1}

    # The first payment settles outside the reader's request (a provider's webhook).
    pending = Subscription.objects.get(user=reader, plan=plan)
    with django_capture_on_commit():
        services.subscription_activate(subscription=pending)
    assert _counts(FunnelEventKind.PAID) == {(story.pk, "search", "phone"): 1}


def django_capture_on_commit():
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


@pytest.mark.django_db
def test_a_job_s_events_have_no_visit():
    from masthead.metering.events import funnel_event_record

    funnel_event_record(kind=FunnelEventKind.WINBACK_SENT)
    assert _counts(FunnelEventKind.WINBACK_SENT) == {(None, "", ""): 1}
