"""The cancel page carries a hidden ``seen`` field: the id of the
subscription's latest cancel page answer (cancel_answer_last). That id is the
CancelAnswer table's own sequence, shared by every reader. A subscriber who
cancels and keeps their subscription (two clicks, any number of times) reads
on their next cancel page how many answers the whole publication has
recorded; doing it again a week later, they read how many readers cancelled,
or took the offer, that week: figures the publication shows only its
Business staff (the read-only admin list).

Expected: what the cancel page carries says nothing about other readers: it
is the same whatever other readers do between two visits."""

import pytest
from django.test import Client

from masthead.subscriptions import services
from masthead.subscriptions.cancelling import cancel_answered
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


def _seen(browser) -> str:
    page = browser.get("/account/cancel/").text
    return page.split('name="seen" value="', 1)[1].split('"', 1)[0]


def _subscriber(django_user_model, plan, name):
    reader = django_user_model.objects.create_user(username=name, email=f"{name}@example.test", password="x" * 20)
    return reader, services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plan))


def test_the_cancel_page_does_not_tell_a_reader_how_many_others_cancelled(django_user_model):
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    watcher, _ = _subscriber(django_user_model, plan, "watcher")
    browser = Client()
    browser.force_login(watcher)
    # The watcher cancels and keeps their subscription once, so their page carries an answer's id.
    browser.post("/account/cancel/", {"seen": _seen(browser)})
    browser.post("/account/resume/")
    before = _seen(browser)

    for n in range(7):  # meanwhile, seven other readers cancel
        _, other = _subscriber(django_user_model, plan, f"leaver{n}")
        cancel_answered(subscription=other)

    browser.post("/account/cancel/", {"seen": _seen(browser)})
    browser.post("/account/resume/")
    after = _seen(browser)

    # Its own second answer, plus the seven others': the page counted them.
    counted_the_others = before.isdigit() and after == str(int(before) + 1 + 7)
    assert not counted_the_others, f"the page went from seen={before} to seen={after}: 7 others cancelled meanwhile"
