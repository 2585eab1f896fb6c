"""A read replica: published journalism from it, everything else from the primary.

The replica here is a real second database, made as a copy of the test
database at one moment (SQLite's backup API; pg_dump into a second
PostgreSQL database), so what was written on the primary after that moment is
exactly what a lagging replica has not seen yet.
"""

import sqlite3
import subprocess

import psycopg
import pytest
from django.db import connections
from django.test import Client

from masthead.core import replica
from masthead.core.periods import local_date
from masthead.newsroom.models import Article
from masthead.testing.newsroom import make_article, make_section

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", replica.REPLICA])


@pytest.fixture(scope="module", autouse=True)
def replica_alias():
    """The alias exists before each test's database set-up, which checks it;
    each test points it at its own replica. A test mirror: never flushed."""
    connections.settings[replica.REPLICA] = _settings_for(connections["default"].settings_dict)
    yield
    _forget_replica_connection()
    del connections.settings[replica.REPLICA]
    replica.replica_retry_now()


def _settings_for(settings_dict: dict, **changes) -> dict:
    return {**_without_pool(settings_dict), **changes, "TEST": {**settings_dict["TEST"], "MIRROR": "default"}}


def _use_replica(settings_dict: dict, **changes) -> None:
    _forget_replica_connection()
    connections.settings[replica.REPLICA] = _settings_for(settings_dict, **changes)
    replica.replica_retry_now()


def _forget_replica_connection() -> None:
    try:
        wrapper = getattr(connections._connections, replica.REPLICA)
    except AttributeError:
        return
    wrapper.close()
    del connections[replica.REPLICA]


def _without_pool(settings_dict: dict) -> dict:
    options = {key: value for key, value in settings_dict.get("OPTIONS", {}).items() if key != "pool"}
    return {**settings_dict, "OPTIONS": options, "CONN_MAX_AGE": 0}


@pytest.fixture
def snapshot_replica(tmp_path):
    """Call to make the replica: a copy of the primary as it is now."""
    made = []

    def snapshot():
        primary = connections["default"]
        settings_dict = _without_pool(primary.settings_dict)
        if primary.vendor == "sqlite":
            target = tmp_path / "replica.sqlite3"
            primary.ensure_connection()
            with sqlite3.connect(target) as copy:
                primary.connection.backup(copy)
            _use_replica(primary.settings_dict, NAME=str(target))
            return
        name = f"{settings_dict['NAME']}_replica"
        with _admin(settings_dict) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
        made.append((settings_dict, name))
        # pg_dump takes a consistent snapshot while other sessions (a live
        # server's, say) stay connected, which CREATE DATABASE … TEMPLATE forbids.
        where = ["-h", settings_dict["HOST"] or "127.0.0.1", "-p", str(settings_dict["PORT"] or 5432), "-U", settings_dict["USER"]]
        dump = subprocess.run(["pg_dump", *where, "--no-owner", settings_dict["NAME"]], check=True, capture_output=True)
        subprocess.run(["psql", *where, "-q", "-v", "ON_ERROR_STOP=1", "-d", name], input=dump.stdout, check=True, capture_output=True)
        _use_replica(primary.settings_dict, NAME=name)

    yield snapshot
    _forget_replica_connection()
    for settings_dict, name in made:
        with _admin(settings_dict) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _admin(settings_dict: dict):
    return psycopg.connect(
        host=settings_dict["HOST"] or None, port=settings_dict["PORT"] or None, user=settings_dict["USER"],
        password=settings_dict["PASSWORD"] or None, dbname="postgres", autocommit=True,
    )  # fmt: skip


@pytest.fixture
def unreachable_replica():
    primary = connections["default"]
    if primary.vendor == "sqlite":
        _use_replica(primary.settings_dict, NAME="/nonexistent/masthead/replica.sqlite3")
    else:
        _use_replica(primary.settings_dict, HOST="127.0.0.1", PORT="1")  # nothing listens there
    yield
    _forget_replica_connection()


def _stories():
    section = make_section(name="Markets", slug="markets")
    seen = make_article(headline="Monsoon lifts tractor sales", slug="monsoon-tractors", section=section)
    return section, seen


def test_search_and_the_archive_read_the_replica_the_article_page_and_sign_in_the_primary(
    snapshot_replica, django_user_model
):
    section, seen = _stories()
    snapshot_replica()
    # Written after the replica's moment: a lagging replica has not seen these yet.
    unseen = make_article(headline="Monsoon spurs tractor exports", slug="monsoon-exports", section=section)
    reader = django_user_model.objects.create_user(username="late", email="late@example.test", password="x" * 16)

    browser = Client()
    browser.force_login(reader)
    results = browser.get("/search/?q=monsoon").text
    assert "1 story found" in results and seen.get_absolute_url() in results
    assert unseen.get_absolute_url() not in results  # the replica's view of the archive
    assert "Log out" in results  # the account and its session from the primary
    day = local_date(seen.publish_at)
    archive = browser.get(f"/archive/{day.year}/{day.month}/{day.day}/").text
    assert seen.get_absolute_url() in archive and unseen.get_absolute_url() not in archive
    # The article page is never read from the replica: a new story opens at once.
    page = browser.get(unseen.get_absolute_url())
    assert page.status_code == 200 and "Monsoon spurs tractor exports" in page.text


def test_an_unreachable_replica_costs_readers_nothing(unreachable_replica):
    _, seen = _stories()
    browser = Client()
    page = browser.get("/search/?q=monsoon")
    assert page.status_code == 200 and seen.get_absolute_url() in page.text
    # The replica is left alone for a while: no second wait for it.
    assert not replica.replica_available()
    assert browser.get("/feeds/rss/").status_code == 200
    assert seen.get_absolute_url() in browser.get("/").text


def test_a_story_read_from_the_replica_is_saved_to_the_primary(snapshot_replica):
    _, seen = _stories()
    snapshot_replica()

    @replica.reads_from_replica
    def edit(request):
        story = Article.objects.get(pk=seen.pk)
        assert story._state.db == replica.REPLICA
        story.headline = "Monsoon lifts tractor sales again"
        story.save()
        return None

    edit(type("Request", (), {"method": "GET"})())
    assert Article.objects.using("default").get(pk=seen.pk).headline == "Monsoon lifts tractor sales again"
    assert Article.objects.using(replica.REPLICA).get(pk=seen.pk).headline == "Monsoon lifts tractor sales"
