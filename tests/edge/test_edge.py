"""Readers through the edge (Varnish with deploy/edge/masthead.vcl) in front
of the site: the edge serves only what the origin's signed decisions allow,
counts nothing itself, and forgets a story or an entitlement when told.

X-Edge on a response names the cached variant the edge served; a response
without it was decided by the origin."""

import threading
import time
from datetime import timedelta

import pytest
import requests
from django.contrib.auth import get_user_model
from django.test import Client

from masthead.edge.services import tell_edges
from masthead.edge.tokens import edge_keys, entitlement_token, receipt_token
from masthead.newsroom.models import ArticleStatus
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import BEYOND_LEAD_IN, PAYWALL_TEXT, make_story_with_hidden_sentence

from masthead.testing.edge import KEYS as EDGE_KEYS

pytestmark = pytest.mark.django_db(transaction=True)


def _note(page: str) -> str:
    start = page.find('<p class="meter-notice"')
    return page[start:page.find("</p>", start) + 4] if start >= 0 else ""


def _subscriber(email: str, first_name: str = ""):
    user = get_user_model().objects.create_user(
        username=email, email=email, password="x" * 20, complimentary_access=True, first_name=first_name
    )
    client = Client()
    client.force_login(user)
    return user, client, {"sessionid": client.cookies["sessionid"].value}


def test_a_metered_readers_reread_comes_from_the_edge_with_their_own_count(edge):
    set_meter(free_limit=5)
    first, second = make_story_with_hidden_sentence(), make_story_with_hidden_sentence()
    reader = requests.Session()

    counted = reader.get(edge + first.get_absolute_url())
    assert "X-Edge" not in counted.headers and BEYOND_LEAD_IN in counted.text
    assert "4 of 5 free articles left this month." in _note(counted.text)
    reread = reader.get(edge + first.get_absolute_url())
    again = reader.get(edge + first.get_absolute_url())
    assert reread.headers["X-Edge"] == "full:1-5" and again.headers["X-Edge"] == "full:1-5 hit"
    # The edge's page is the origin's, its meter note too, word for word.
    assert again.text == counted.text

    new = reader.get(edge + second.get_absolute_url())
    assert "X-Edge" not in new.headers and "3 of 5 free articles left this month." in _note(new.text)
    back = reader.get(edge + first.get_absolute_url())
    # Another count, another copy: the first view of it fills it.
    assert back.headers["X-Edge"] == "full:2-5" and "3 of 5 free articles left this month." in _note(back.text)
    assert reader.get(edge + first.get_absolute_url()).headers["X-Edge"] == "full:2-5 hit"
    assert f'href="/subscribe/?from={first.pk}"' in _note(back.text)


def test_a_reader_whose_month_is_used_gets_the_cached_paywall_and_never_the_text(edge):
    set_meter(free_limit=1)
    read, refused, other = (make_story_with_hidden_sentence() for _ in range(3))
    reader = requests.Session()
    assert BEYOND_LEAD_IN in reader.get(edge + read.get_absolute_url()).text
    first_wall = reader.get(edge + refused.get_absolute_url())
    assert "X-Edge" not in first_wall.headers and PAYWALL_TEXT in first_wall.text

    for story in (other, refused, other):
        walled = reader.get(edge + story.get_absolute_url())
        assert walled.headers["X-Edge"].startswith("wall:p1")
        assert BEYOND_LEAD_IN not in walled.text and PAYWALL_TEXT in walled.text
        assert story.headline in walled.text
    # The one story counted this month is still theirs, in full.
    again = reader.get(edge + read.get_absolute_url())
    assert again.headers["X-Edge"].startswith("full") and BEYOND_LEAD_IN in again.text
    assert "This is your last free article this month." in _note(again.text)


def test_a_used_up_reader_meets_the_edges_paywall_only_on_stories_the_meter_judges(edge):
    """The edge looks up a used-up reader's paywall first: a story the meter
    does not judge (always free, premium) is still the origin's to answer,
    and a counted one still theirs in full, however often asked."""
    set_meter(free_limit=1)
    read, walled = make_story_with_hidden_sentence(), make_story_with_hidden_sentence()
    free = make_story_with_hidden_sentence(meter_exempt=True)
    premium = make_story_with_hidden_sentence(is_premium=True)
    reader = requests.Session()
    reader.get(edge + read.get_absolute_url())
    reader.get(edge + walled.get_absolute_url())
    for _ in range(2):
        assert reader.get(edge + walled.get_absolute_url()).headers["X-Edge"].startswith("wall:p1")
        opened = reader.get(edge + free.get_absolute_url())
        assert "X-Edge" not in opened.headers and BEYOND_LEAD_IN in opened.text
        closed = reader.get(edge + premium.get_absolute_url())
        assert "X-Edge" not in closed.headers and BEYOND_LEAD_IN not in closed.text
        again = reader.get(edge + read.get_absolute_url())
        assert again.headers["X-Edge"].startswith("full:1-1") and BEYOND_LEAD_IN in again.text
    assert again.headers["X-Edge"].endswith(" hit")


def test_subscribers_pages_come_from_the_edge_and_carry_nothing_of_another_subscriber(edge):
    story = make_story_with_hidden_sentence()
    _, _, asha = _subscriber("asha.rao@example.test", "Asha")
    _, _, ben = _subscriber("ben.das@example.test", "Ben")

    pages = {}
    for name, cookies in (("asha", asha), ("ben", ben)):
        session = requests.Session()
        session.cookies.update(cookies)
        first = session.get(edge + story.get_absolute_url())
        assert "X-Edge" not in first.headers and "mt_ent" in session.cookies
        pages[name] = session.get(edge + story.get_absolute_url())
    assert pages["asha"].headers["X-Edge"] == "subscriber"
    assert pages["ben"].headers["X-Edge"] == "subscriber hit"
    for page in pages.values():
        assert BEYOND_LEAD_IN in page.text and "Gift this article" in page.text and "Log out" in page.text
        assert "Log in" not in page.text
    assert "asha" not in pages["ben"].text.lower() and "csrfmiddlewaretoken" not in pages["ben"].text


def test_signing_out_and_losing_access_end_the_edge_entitlement_at_once(edge):
    set_meter(free_limit=0)
    story = make_story_with_hidden_sentence()
    user, client, cookies = _subscriber("chitra@example.test")
    session = requests.Session()
    session.cookies.update(cookies)
    session.get(edge + story.get_absolute_url())
    assert session.get(edge + story.get_absolute_url()).headers["X-Edge"].startswith("subscriber")
    token = session.cookies["mt_ent"]

    client.logout()
    after = requests.get(edge + story.get_absolute_url(), cookies={"mt_ent": token})
    assert "X-Edge" not in after.headers and BEYOND_LEAD_IN not in after.text and PAYWALL_TEXT in after.text

    # Another device of the same account, a moment later (a revocation
    # refuses every token issued up to its second), then its access ends.
    time.sleep(1.1)
    _, _, other_device = _subscriber_session_for(user)
    session = requests.Session()
    session.cookies.update(other_device)
    session.get(edge + story.get_absolute_url())
    token = session.cookies["mt_ent"]
    assert requests.get(edge + story.get_absolute_url(), cookies={"mt_ent": token}).headers["X-Edge"].startswith("subscriber")
    user.complimentary_access = False
    user.save()
    refused = requests.get(edge + story.get_absolute_url(), cookies={"mt_ent": token})
    assert "X-Edge" not in refused.headers and BEYOND_LEAD_IN not in refused.text


def _subscriber_session_for(user):
    client = Client()
    client.force_login(user)
    return user, client, {"sessionid": client.cookies["sessionid"].value}


def test_an_edit_a_premium_switch_or_an_unpublish_reaches_edge_readers_within_a_second(edge):
    set_meter(free_limit=5)
    story = make_story_with_hidden_sentence(headline="Dam opens its gates")
    _, _, subscriber = _subscriber("dev@example.test")
    reader, member = requests.Session(), requests.Session()
    member.cookies.update(subscriber)
    for session in (reader, member):
        session.get(edge + story.get_absolute_url())
        assert "X-Edge" in session.get(edge + story.get_absolute_url()).headers

    story.headline = "Dam opens its gates a day early"
    story.save()
    time.sleep(0.2)  # the purge goes out when the edit is committed, before save() returns
    for session in (reader, member):
        assert "Dam opens its gates a day early" in session.get(edge + story.get_absolute_url()).text

    story.is_premium = True
    story.save()
    premium = reader.get(edge + story.get_absolute_url())
    assert "X-Edge" not in premium.headers and BEYOND_LEAD_IN not in premium.text
    assert BEYOND_LEAD_IN in member.get(edge + story.get_absolute_url()).text

    story.status = ArticleStatus.DRAFT
    story.save()
    for session in (reader, member):
        assert session.get(edge + story.get_absolute_url()).status_code == 404


def test_forged_expired_and_unknown_key_cookies_and_fill_headers_open_nothing(edge, live_server):
    set_meter(free_limit=0)
    story = make_story_with_hidden_sentence()
    url = story.get_absolute_url()
    _, _, subscriber = _subscriber("esha@example.test")
    member = requests.Session()
    member.cookies.update(subscriber)
    member.get(edge + url)
    assert BEYOND_LEAD_IN in member.get(edge + url).text  # the full page is in the edge now
    good = member.cookies["mt_ent"]
    now = int(time.time())
    keys = edge_keys(EDGE_KEYS)
    outsider = edge_keys("t2:an-outsiders-guess-at-the-key-000000000000000")
    other_kid = edge_keys("x9:an-outsiders-guess-at-the-key-000000000000000")
    forgeries = {
        "no cookie at all": {},
        "changed MAC": {"mt_ent": good[:-2] + ("AA" if not good.endswith("AA") else "BB")},
        "another account, same MAC": {"mt_ent": good.replace(good.split(".")[2], "999999", 1)},
        "an outsider's key": {"mt_ent": entitlement_token(account=1, session="abcdefgh", issued=now, seconds=300, keys=outsider)},
        "an unknown key id": {"mt_ent": entitlement_token(account=1, session="abcdefgh", issued=now, seconds=300, keys=other_kid)},
        "expired": {"mt_ent": entitlement_token(account=1, session="abcdefgh", issued=now - 400, seconds=300, keys=keys)},
        "a receipt naming the story, outsider's key": {
            "mt_rcpt": receipt_token(ids=[story.pk], views=0, limit=9, wall="-", issued_ms=now * 1000, until=now + 3600, keys=outsider)
        },
        "a receipt issued a minute ahead of the edge's clock": {
            "mt_rcpt": receipt_token(ids=[story.pk], views=0, limit=9, wall="-", issued_ms=(now + 60) * 1000, until=now + 3600, keys=keys)
        },
        "a receipt from a past month": {
            "mt_rcpt": receipt_token(ids=[story.pk], views=0, limit=9, wall="-", issued_ms=(now - 60) * 1000, until=now - 1, keys=keys)
        },
    }
    for what, cookies in forgeries.items():
        page = requests.get(edge + url, cookies=cookies)
        assert BEYOND_LEAD_IN not in page.text, what
        assert "X-Edge" not in page.headers, what
    fill = {"X-Edge-Fill": "subscriber", "X-Edge-Fill-Mac": "f1.t2.%d.%s" % (now, "A" * 43)}
    for base in (edge, live_server.url):
        assert BEYOND_LEAD_IN not in requests.get(base + url, headers=fill).text
        assert BEYOND_LEAD_IN not in requests.get(base + url, headers={"X-Edge-Fill": "subscriber"}).text
    for spelling in (url + "?x=1", url.upper(), url.rstrip("/"), url + "/"):
        page = requests.get(edge + spelling, cookies={"mt_ent": good + "x"})
        assert BEYOND_LEAD_IN not in page.text, spelling


def test_a_crawlers_full_text_is_never_kept_at_the_edge_for_the_readers_after_it(edge, crawler_dns):
    crawler_dns.ptr["127.0.0.1"] = "crawl-127-0-0-1.googlebot.com"
    crawler_dns.addresses["crawl-127-0-0-1.googlebot.com"] = ["127.0.0.1"]
    set_meter(free_limit=0)
    story = make_story_with_hidden_sentence(is_premium=True)
    googlebot = {"User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"}
    for _ in range(2):
        crawled = requests.get(edge + story.get_absolute_url(), headers=googlebot)
        assert BEYOND_LEAD_IN in crawled.text and "X-Edge" not in crawled.headers
    for _ in range(2):
        reader = requests.get(edge + story.get_absolute_url())
        assert BEYOND_LEAD_IN not in reader.text and PAYWALL_TEXT in reader.text


def test_twenty_new_stories_at_once_through_the_edge_open_exactly_the_limit(edge):
    set_meter(free_limit=5)
    warmup = make_story_with_hidden_sentence()
    stories = [make_story_with_hidden_sentence() for _ in range(20)]
    session = requests.Session()
    session.get(edge + warmup.get_absolute_url())
    cookies = dict(session.cookies)
    assert "mh_reader" in cookies and "mt_rcpt" in cookies
    barrier, results = threading.Barrier(len(stories)), []

    def read(story):
        barrier.wait()
        response = requests.get(edge + story.get_absolute_url(), cookies=cookies, timeout=60)
        results.append((response.status_code, BEYOND_LEAD_IN in response.text))

    threads = [threading.Thread(target=read, args=(story,)) for story in stories]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [status for status, _ in results] == [200] * 20
    # The warm-up took one free article; four remain for the race.
    assert sum(full for _, full in results) == 4


def test_a_page_filled_under_another_host_name_never_reaches_readers_of_this_one(edge):
    """Pages carry absolute addresses (canonical, og:url) built from the Host
    the fill came with: each host has its own copies."""
    story = make_story_with_hidden_sentence()
    _, _, subscriber = _subscriber("fatima@example.test")
    port = edge.rsplit(":", 1)[1]
    member = requests.Session()
    member.cookies.update(subscriber)
    member.get(edge + story.get_absolute_url())
    token = member.cookies["mt_ent"]
    for _ in range(2):
        other = requests.get(edge + story.get_absolute_url(), cookies={"mt_ent": token}, headers={"Host": f"localhost:{port}"})
        assert other.headers["X-Edge"].startswith("subscriber") and f"http://localhost:{port}/articles/" in other.text
    ours = requests.get(edge + story.get_absolute_url(), cookies={"mt_ent": token})
    assert ours.headers["X-Edge"].startswith("subscriber")
    assert f'<link rel="canonical" href="http://127.0.0.1:{port}{story.get_absolute_url()}">' in ours.text
    assert "localhost" not in ours.text


REFERERS = [
    "", "https://www.google.co.in/", "https://news.google.com/stories", "https://search.brave.com/search?q=x",
    "https://duckduckgo.com/", "https://m.facebook.com/", "https://t.co/abc", "https://l.instagram.com/",
    "https://mail.google.com/mail/u/0/", "https://outlook.office.com/", "android-app://com.google.android.gm/",
    "https://example.org/blog", "https://google.evil.example/", "https://evilgoogle.com/", "http://127.0.0.1:{port}/",
    "https://WWW.BING.COM./search", "https://user@twitter.com:443/x", "not a url", "https:///nohost",
    "http://a@b@facebook.com/", "https://face\tbook.com/", "//www.google.com/search", "https://facebook.com../",
    "https://[2001:db8::1]:8080/", "https://mail.google.com:443@evil.example/",
]


def test_the_edges_subscribe_links_carry_the_visits_class_as_the_origins_do(edge):
    from masthead.metering.events import referrer_class

    set_meter(free_limit=5)
    story = make_story_with_hidden_sentence()
    reader = requests.Session()
    reader.get(edge + story.get_absolute_url())
    port = edge.rsplit(":", 1)[1]
    for referer in REFERERS:
        referer = referer.format(port=port)
        page = reader.get(edge + story.get_absolute_url(), headers={"Referer": referer} if referer else {})
        assert page.headers["X-Edge"].startswith("full"), referer
        expected = referrer_class(referer=referer, own_host="127.0.0.1")
        via = "" if expected == "direct" else f"&amp;via={expected}"
        assert f'href="/subscribe/?from={story.pk}{via}"' in _note(page.text), (referer, expected, _note(page.text))


def test_a_change_to_the_meters_rules_reaches_edge_readers_at_once(edge):
    """A story the new archive age puts in the archive is behind the paywall
    for a reader whose receipt names it, from the next view on."""
    set_meter(free_limit=5, archive_age_days=30)
    story = make_story_with_hidden_sentence(published_ago=timedelta(days=10))
    reader = requests.Session()
    reader.get(edge + story.get_absolute_url())
    assert reader.get(edge + story.get_absolute_url()).headers["X-Edge"].startswith("full")

    set_meter(free_limit=5, archive_age_days=7)
    archived = reader.get(edge + story.get_absolute_url())
    assert "X-Edge" not in archived.headers and BEYOND_LEAD_IN not in archived.text


def test_a_readers_page_kept_at_the_edge_never_reaches_a_subscriber_or_back(edge):
    """The twin of tests/cache's first test, through the edge: each kind of
    reader gets its own variant, whoever filled the cache first."""
    set_meter(free_limit=5)
    story = make_story_with_hidden_sentence()
    reader, member = requests.Session(), requests.Session()
    _, _, subscriber = _subscriber("gita@example.test")
    member.cookies.update(subscriber)
    for _ in range(3):
        page = reader.get(edge + story.get_absolute_url())
        assert "Log in" in page.text and "Log out" not in page.text and "Gift this article" not in page.text
    assert page.headers["X-Edge"] == "full:1-5 hit"
    for _ in range(3):
        page = member.get(edge + story.get_absolute_url())
        assert "Log out" in page.text and "Log in" not in page.text and "meter-notice" not in page.text
    assert page.headers["X-Edge"] == "subscriber hit"
    again = reader.get(edge + story.get_absolute_url())
    assert again.headers["X-Edge"] == "full:1-5 hit" and "Log out" not in again.text and "Gift this article" not in again.text


def test_a_raised_allowance_opens_new_stories_to_readers_the_edge_walled(edge):
    set_meter(free_limit=1)
    read, walled, other = (make_story_with_hidden_sentence() for _ in range(3))
    reader = requests.Session()
    reader.get(edge + read.get_absolute_url())
    reader.get(edge + walled.get_absolute_url())
    assert reader.get(edge + other.get_absolute_url()).headers["X-Edge"].startswith("wall:p1")

    set_meter(free_limit=5)
    opened = reader.get(edge + other.get_absolute_url())
    assert "X-Edge" not in opened.headers and BEYOND_LEAD_IN in opened.text
    assert "3 of 5 free articles left this month." in _note(opened.text)


def test_a_restarted_edge_trusts_no_cookie_from_before_it_knowing_none_of_the_revocations(edge):
    """Revocations live in the edge's memory. After its worker restarts (a
    crash, an operator), a token signed out before would open pages again:
    so every cookie from before the restart goes to the origin once."""
    import subprocess

    from masthead.testing.edge import STANDS

    set_meter(free_limit=0)
    story = make_story_with_hidden_sentence()
    _, _, subscriber = _subscriber("hema@example.test")
    member = requests.Session()
    member.cookies.update(subscriber)
    member.get(edge + story.get_absolute_url())
    token = member.cookies["mt_ent"]
    assert requests.get(edge + story.get_absolute_url(), cookies={"mt_ent": token}).headers["X-Edge"].startswith("subscriber")

    folder, admin = STANDS[edge]
    time.sleep(1.1)  # a restart in a later second than the token (one in the same second refuses it too)
    for command in ("stop", "start"):
        subprocess.run(["varnishadm", "-T", admin, "-S", str(folder / "vn" / "_.secret"), command], check=True,
                       capture_output=True)  # fmt: skip
    for _ in range(50):
        try:
            refused = requests.get(edge + story.get_absolute_url(), cookies={"mt_ent": token}, timeout=5)
            break
        except requests.ConnectionError:
            time.sleep(0.1)
    assert "X-Edge" not in refused.headers and BEYOND_LEAD_IN not in refused.text
    time.sleep(1.1)  # nor any from the second it restarted in
    # The subscriber's own browser: the origin, once, and a new token.
    again = member.get(edge + story.get_absolute_url())
    assert "X-Edge" not in again.headers and member.cookies["mt_ent"] != token
    assert member.get(edge + story.get_absolute_url()).headers["X-Edge"].startswith("subscriber")


def test_a_receipt_decided_by_an_account_ends_when_that_account_is_revoked_and_no_other(edge):
    """A signed-out browser reading by the arm of an account that signed in
    there carries that account in its receipt: the account's revocation (it
    subscribed, became staff) sends the browser to the origin; a receipt of
    the same stories decided by no account, or by another, is untouched."""
    story, url = _story_in_the_edge(edge)

    def receipt(tie):
        return _receipt_of(story, tie=tie, issued_ms=int(time.time() * 1000))

    tied, untied, other = receipt(41), receipt(None), receipt(42)
    for token in (tied, untied, other):
        assert requests.get(edge + url, cookies={"mt_rcpt": token}).headers.get("X-Edge", "").startswith("full:1-5")

    assert tell_edges("REVOKE", {"X-Revoke": "a:41", "X-Revoke-At": str(int(time.time() * 1000))}) == 1

    assert "X-Edge" not in requests.get(edge + url, cookies={"mt_rcpt": tied}).headers
    assert requests.get(edge + url, cookies={"mt_rcpt": untied}).headers["X-Edge"].startswith("full:1-5")
    assert requests.get(edge + url, cookies={"mt_rcpt": other}).headers["X-Edge"].startswith("full:1-5")
    # One given after the revocation is good.
    time.sleep(0.01)
    assert requests.get(edge + url, cookies={"mt_rcpt": receipt(41)}).headers["X-Edge"].startswith("full:1-5")


def test_a_revocation_told_again_late_never_undoes_a_later_one(edge):
    """A REVOKE may reach an edge after a newer one for the same account (a
    slow worker, a job's attempt told again, masthead/edge/tasks.py): the
    edge keeps the later moment, so a receipt issued between the two stays
    refused."""
    story, url = _story_in_the_edge(edge)
    # Once a receipt from a second ago is good at this edge (it started before that).
    for _ in range(30):
        now_ms = int(time.time() * 1000)
        if "X-Edge" in requests.get(edge + url, cookies={"mt_rcpt": _receipt_of(story, tie=None, issued_ms=now_ms - 1000)}).headers:
            break
        time.sleep(0.2)
    between = _receipt_of(story, tie=43, issued_ms=now_ms - 1000)
    assert requests.get(edge + url, cookies={"mt_rcpt": between}).headers["X-Edge"].startswith("full:1-5")
    assert tell_edges("REVOKE", {"X-Revoke": "a:43", "X-Revoke-At": str(now_ms)}) == 1
    # The earlier change's REVOKE, told again only now.
    assert tell_edges("REVOKE", {"X-Revoke": "a:43", "X-Revoke-At": str(now_ms - 2000)}) == 1
    assert "X-Edge" not in requests.get(edge + url, cookies={"mt_rcpt": between}).headers


def _receipt_of(story, *, tie, issued_ms):
    """A receipt that opened ``story`` (one of five), decided by account
    ``tie`` (or none), issued at ``issued_ms`` and good for ten minutes."""
    return receipt_token(ids=[story.pk], views=1, limit=5, wall="-", issued_ms=issued_ms,
                         until=issued_ms // 1000 + 600, tie=tie, keys=edge_keys(EDGE_KEYS))  # fmt: skip


def _story_in_the_edge(edge):
    """(story, its address): a story the edge holds, a real reader having
    read it twice (one of five free)."""
    set_meter(free_limit=5)
    story = make_story_with_hidden_sentence()
    url = story.get_absolute_url()
    reader = requests.Session()
    reader.get(edge + url)
    assert reader.get(edge + url).headers["X-Edge"] == "full:1-5"
    return story, url
