"""E-paper through the API: the web's access rule, bytes only after it."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from masthead.epaper.tests.factories import make_edition

from .conftest import app, sign_in

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 5, 4, 9, 0, tzinfo=ZoneInfo("Asia/Kolkata"))


@pytest.fixture(autouse=True)
def clock(settings):
    settings.MASTHEAD_EPAPER_PAGE_WIDTH = 400
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def edition():
    return make_edition(NOW.date(), pages=3)


def test_page_two_is_refused_to_others_and_sent_to_subscribers(edition, reader, subscriber):
    url = "/api/v1/epaper/editions/2026-05-04/pages/2/image"
    for client in (app(), app(sign_in(reader))):
        refused = client.get(url)
        assert refused.status_code == 403
        assert refused.json() == {"code": "subscribers_only", "message": "The e-paper's pages are for subscribers."}
    sent = app(sign_in(subscriber)).get(url)
    assert sent.status_code == 200 and sent["Content-Type"] == "image/webp"
    assert b"".join(sent.streaming_content)[8:12] == b"WEBP"
    assert "private" in sent["Cache-Control"]


def test_an_edition_lists_its_pages_with_what_this_reader_may_open(edition, subscriber):
    listed = app().get("/api/v1/epaper/editions").json()
    assert [item["date"] for item in listed["items"]] == ["2026-05-04"]
    pages = app().get("/api/v1/epaper/editions/2026-05-04").json()["pages"]
    assert [page["readable"] for page in pages] == [True, False, False], "today's front page is for everyone"
    assert pages[0]["thumbnail_url"] == "http://testserver/api/v1/epaper/editions/2026-05-04/pages/1/thumbnail"
    assert app().get(pages[0]["thumbnail_url"]).status_code == 200
    theirs = app(sign_in(subscriber)).get("/api/v1/epaper/editions/2026-05-04").json()["pages"]
    assert all(page["readable"] for page in theirs)
    # Nothing in the answers names the private storage.
    assert "private" not in str(pages) and "editions/2026-05-04/" not in str(pages).replace("/api/v1/epaper/editions/2026-05-04/", "")


def test_a_day_without_an_edition_and_a_missing_page_are_404s(edition, subscriber):
    assert app().get("/api/v1/epaper/editions/2026-05-01").json()["code"] == "not_found"
    missing = app(sign_in(subscriber)).get("/api/v1/epaper/editions/2026-05-04/pages/9/image")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
