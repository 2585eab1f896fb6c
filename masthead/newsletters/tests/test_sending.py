import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from masthead.core.errors import InvalidTransition
from masthead.newsletters import services
from masthead.newsletters.models import Delivery, DeliveryState, Issue, IssueStatus
from masthead.newsletters.services import issue_send, issue_send_now, issues_send_due
from masthead.newsletters.tasks import send_due_issues
from masthead.subscriptions import services as subscription_services
from masthead.subscriptions.models import SubscriptionStatus
from masthead.subscriptions.states import subscription_move
from masthead.testing.newsroom import make_article
from masthead.testing.subscriptions import make_plan

from .conftest import choose, make_issue, make_newsletter, make_readers

PREMIUM_BODY = (
    "<p>" + " ".join(["Opening"] + ["analysis"] * 58) + " ends here.</p>"
    "<p>The board quietly agreed to sell the cement unit for eleven thousand crore.</p>"
    "<p>" + " ".join(["More"] * 70) + ".</p>"
)
SECRET = "quietly agreed to sell the cement unit"


@pytest.fixture
def batch_of_100(settings):
    settings.MASTHEAD_NEWSLETTER_BATCH_SIZE = 100


def _due(issue):
    issue_send_now(issue=issue)
    return issue


@pytest.mark.django_db
def test_every_reader_gets_exactly_one_message_with_both_parts_and_one_click_unsubscribe(smtp, django_user_model, batch_of_100):
    letter = make_newsletter(name="Politics Daily", slug="politics-daily")
    readers = make_readers(django_user_model, 250)
    choose(letter, readers)
    story = make_article(headline="Parliament passes the data bill", standfirst="A late-night vote.")
    issue = _due(make_issue(letter, [story], subject="Politics: the bill is law"))

    report = issue_send(issue_id=issue.pk)

    assert report.finished and report.sent == 250
    assert smtp.per_recipient() == {reader.email: 1 for reader in readers}
    assert len(smtp.connections) == 3  # 100 messages per SMTP connection
    message = smtp.for_address(readers[0].email)[0]
    assert message["Subject"] == "Politics: the bill is law"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].startswith("<https://news.example.test/newsletters/unsubscribe/")
    # On the wire the link is a plain URL (not RFC 2047 encoded words), so
    # mail programs can offer their unsubscribe button.
    assert b"\r\nList-Unsubscribe: <https://news.example.test/newsletters/unsubscribe/" in smtp.raw[0]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for part in (text, html):
        assert "Parliament passes the data bill" in part and "A late-night vote." in part
        assert "https://news.example.test" + story.get_absolute_url() in part
    issue.refresh_from_db()
    assert (issue.status, issue.sent_count, issue.recipient_count) == (IssueStatus.SENT, 250, 250)
    assert issue.sent_at is not None


@pytest.mark.django_db
def test_a_rerun_after_the_issue_went_out_sends_nothing(smtp, django_user_model):
    letter = make_newsletter()
    choose(letter, make_readers(django_user_model, 3))
    issue = _due(make_issue(letter))
    issue_send(issue_id=issue.pk)
    assert issue_send(issue_id=issue.pk).claimed is False
    assert issues_send_due() == []
    assert len(smtp.messages) == 3


@pytest.mark.django_db
def test_a_subscriber_only_newsletter_skips_a_lapsed_subscriber(smtp, django_user_model):
    markets = make_newsletter(name="Markets Morning", slug="markets-morning", subscribers_only=True)
    current = make_readers(django_user_model, 2, prefix="comp", complimentary_access=True)
    paying, lapsed = make_readers(django_user_model, 2, prefix="paid")
    for user in (paying, lapsed):
        plan = make_plan()
        subscription_services.subscription_activate(subscription=subscription_services.subscription_begin(user=user, plan=plan))
    subscription = lapsed.subscriptions.get()
    subscription_move(subscription=subscription, to=SubscriptionStatus.PAST_DUE, reason="renewal_failed")
    subscription_move(subscription=subscription, to=SubscriptionStatus.LAPSED, reason="grace_over")
    choose(markets, [*current, paying, lapsed])

    issue_send(issue_id=_due(make_issue(markets)).pk)

    assert set(smtp.per_recipient()) == {current[0].email, current[1].email, paying.email}
    assert not Delivery.objects.filter(recipient=lapsed).exists()


@pytest.mark.django_db
def test_a_run_that_dies_half_way_is_resumed_and_nobody_gets_two(smtp, django_user_model, batch_of_100, monkeypatch):
    letter = make_newsletter()
    readers = make_readers(django_user_model, 250)
    choose(letter, readers)
    issue = _due(make_issue(letter))
    real_hand_over = services._hand_over
    handed = []

    def dies_after_120(conn, message):
        real_hand_over(conn, message)
        handed.append(message.to[0])
        if len(handed) == 120:
            # The worst moment: the server has the 120th message, the row
            # does not say "sent" yet.
            raise RuntimeError("worker killed")

    monkeypatch.setattr(services, "_hand_over", dies_after_120)
    with pytest.raises(RuntimeError):
        issue_send(issue_id=issue.pk)
    assert len(smtp.messages) == 120
    assert Issue.objects.get(pk=issue.pk).status == IssueStatus.SENDING

    monkeypatch.setattr(services, "_hand_over", real_hand_over)
    report = issue_send(issue_id=issue.pk)  # the job's retry, at once: the run let go of the issue

    assert report.finished and report.sent == 130
    assert smtp.per_recipient() == {reader.email: 1 for reader in readers}
    issue.refresh_from_db()
    # The 120th was accepted but never marked: counted as unconfirmed, never resent.
    assert (issue.status, issue.sent_count, issue.unconfirmed_count) == (IssueStatus.SENT, 249, 1)
    assert Delivery.objects.get(email=handed[-1]).state == DeliveryState.SENDING


@pytest.mark.django_db
def test_a_worker_that_died_holding_the_issue_is_resumed_by_the_sweep_when_its_lease_runs_out(
    smtp, django_user_model, batch_of_100, monkeypatch, settings
):
    settings.MASTHEAD_NEWSLETTER_LEASE_SECONDS = 300
    letter = make_newsletter()
    readers = make_readers(django_user_model, 150)
    choose(letter, readers)
    issue = _due(make_issue(letter))
    real_hand_over = services._hand_over
    release = services._lease_release

    def dies_after_100(conn, message):
        if len(smtp.messages) == 100:
            raise RuntimeError("worker killed")
        real_hand_over(conn, message)

    # A killed process runs no clean-up: it never lets go of its lease.
    monkeypatch.setattr(services, "_hand_over", dies_after_100)
    monkeypatch.setattr(services, "_lease_release", lambda issue_id, token: None)
    with pytest.raises(RuntimeError):
        issue_send(issue_id=issue.pk)
    monkeypatch.setattr(services, "_hand_over", real_hand_over)
    monkeypatch.setattr(services, "_lease_release", release)

    assert issues_send_due() == []  # still held: nobody else may send it yet
    assert len(smtp.messages) == 100
    with time_machine.travel(timezone.now() + timedelta(seconds=301), tick=False):
        send_due_issues.call_local()

    counts = smtp.per_recipient()
    assert set(counts.values()) == {1}
    # The 101st row was marked "sending" when the worker died before handing it
    # over: at most once means that one reader does not get this issue.
    assert len(counts) == 149
    issue.refresh_from_db()
    assert (issue.status, issue.sent_count, issue.unconfirmed_count) == (IssueStatus.SENT, 149, 1)
    assert [event.reason for event in issue.events.all()] == ["scheduled", "sending started", "sending resumed", "sent"]


@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_the_same_issue_at_once_send_each_reader_one_message(smtp, django_user_model, settings):
    settings.MASTHEAD_NEWSLETTER_BATCH_SIZE = 20
    letter = make_newsletter()
    readers = make_readers(django_user_model, 120)
    choose(letter, readers)
    issue = _due(make_issue(letter))
    barrier = threading.Barrier(2)
    reports, errors = [], []

    def worker():
        try:
            barrier.wait()
            reports.append(issue_send(issue_id=issue.pk))
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors, errors
    assert sorted(report.claimed for report in reports) == [False, True]
    assert smtp.per_recipient() == {reader.email: 1 for reader in readers}


@pytest.mark.django_db
def test_no_sentence_beyond_a_premium_articles_lead_in_reaches_any_mail(smtp, django_user_model):
    markets = make_newsletter(subscribers_only=True)
    story = make_article(headline="Cement maker sells a unit", body=PREMIUM_BODY, is_premium=True)
    assert SECRET in story.body and SECRET not in story.lead_in
    subscriber, = make_readers(django_user_model, 1, prefix="sub", complimentary_access=True)
    open_letter = make_newsletter()
    reader, = make_readers(django_user_model, 1, prefix="free")
    choose(markets, [subscriber])
    choose(open_letter, [reader, subscriber])

    for letter in (markets, open_letter):
        issue_send(issue_id=_due(make_issue(letter, [story])).pk)

    assert len(smtp.messages) == 3
    for _, message in smtp.messages:
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        assert "Opening analysis" in text and "Opening analysis" in html  # the lead-in is there
        assert "eleven thousand crore" not in text + html
        assert SECRET not in text + html and "More More" not in text + html


@pytest.mark.django_db
def test_an_address_the_server_refuses_is_recorded_and_everyone_else_gets_the_issue(smtp, django_user_model):
    letter = make_newsletter()
    readers = make_readers(django_user_model, 5)
    choose(letter, readers)
    smtp.refuse.add(readers[2].email)
    issue = _due(make_issue(letter))

    issue_send(issue_id=issue.pk)

    assert set(smtp.per_recipient()) == {reader.email for reader in readers} - {readers[2].email}
    refused = Delivery.objects.get(recipient=readers[2])
    assert refused.state == DeliveryState.FAILED and refused.error.startswith("550")
    issue.refresh_from_db()
    assert (issue.status, issue.sent_count, issue.failed_count) == (IssueStatus.SENT, 4, 1)


@pytest.mark.django_db
def test_a_mail_server_that_is_down_stops_the_run_and_the_next_run_sends_everything(smtp, django_user_model, settings):
    letter = make_newsletter()
    readers = make_readers(django_user_model, 4)
    choose(letter, readers)
    issue = _due(make_issue(letter))
    working = settings.MAILERS
    settings.MAILERS = {"default": {**working["default"], "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2}}}
    with pytest.raises(OSError):
        issue_send(issue_id=issue.pk)
    assert set(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.PENDING}

    settings.MAILERS = working
    issues_send_due()
    assert smtp.per_recipient() == {reader.email: 1 for reader in readers}


@pytest.mark.django_db
def test_a_scheduled_issue_goes_out_with_the_minute_sweep_only_when_its_time_comes(smtp, django_user_model):
    letter = make_newsletter()
    choose(letter, make_readers(django_user_model, 3))
    at = timezone.now() + timedelta(hours=2)
    issue = services.issue_schedule(issue=make_issue(letter), when=at)
    assert issue.status == IssueStatus.SCHEDULED

    with time_machine.travel(at - timedelta(minutes=1), tick=False):
        send_due_issues.call_local()
    assert smtp.messages == []
    assert Issue.objects.get(pk=issue.pk).status == IssueStatus.SCHEDULED

    with time_machine.travel(at + timedelta(seconds=30), tick=False):
        send_due_issues.call_local()
    assert len(smtp.messages) == 3
    assert Issue.objects.get(pk=issue.pk).status == IssueStatus.SENT


@pytest.mark.django_db
def test_a_reader_who_unsubscribes_while_the_issue_is_going_out_is_not_sent_it(smtp, django_user_model, settings, monkeypatch):
    settings.MASTHEAD_NEWSLETTER_BATCH_SIZE = 2
    letter = make_newsletter()
    readers = make_readers(django_user_model, 4)
    choose(letter, readers)
    issue = _due(make_issue(letter))
    real_hand_over = services._hand_over

    def unsubscribe_the_last_reader_meanwhile(conn, message):
        real_hand_over(conn, message)
        letter.subscriptions.filter(user=readers[-1]).delete()

    monkeypatch.setattr(services, "_hand_over", unsubscribe_the_last_reader_meanwhile)
    issue_send(issue_id=issue.pk)

    assert set(smtp.per_recipient()) == {reader.email for reader in readers[:3]}
    assert Delivery.objects.get(recipient=readers[-1]).state == DeliveryState.SKIPPED


@pytest.mark.django_db
def test_a_reader_the_server_defers_is_sent_the_issue_on_the_next_run(smtp, django_user_model):
    letter = make_newsletter()
    readers = make_readers(django_user_model, 4)
    choose(letter, readers)
    smtp.defer_once.add(readers[1].email)
    issue = _due(make_issue(letter))

    with pytest.raises(services.TemporaryRefusal):
        issue_send(issue_id=issue.pk)
    assert Delivery.objects.get(recipient=readers[1]).state == DeliveryState.PENDING
    issues_send_due()  # the next minute's sweep

    assert smtp.per_recipient() == {reader.email: 1 for reader in readers}
    assert Issue.objects.get(pk=issue.pk).status == IssueStatus.SENT


@pytest.mark.django_db
def test_an_issue_that_went_out_cannot_be_scheduled_to_go_out_again(smtp, django_user_model):
    letter = make_newsletter()
    choose(letter, make_readers(django_user_model, 2))
    issue = _due(make_issue(letter))
    issue_send(issue_id=issue.pk)
    with pytest.raises(InvalidTransition, match="^An issue that is sent cannot become scheduled.$"):
        services.issue_schedule(issue=issue, when=timezone.now() + timedelta(hours=1))
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT and issue.events.last().to_status == IssueStatus.SENT
    assert issues_send_due(now=timezone.now() + timedelta(hours=2)) == []
    assert len(smtp.messages) == 2


@pytest.mark.django_db
def test_an_issue_move_with_a_reason_not_on_the_list_is_refused_and_changes_nothing():
    issue = make_issue(make_newsletter())
    with pytest.raises(ValueError, match="'rescheduled' is not a valid IssueEventReason"):
        services.issue_move(issue_id=issue.pk, to=IssueStatus.SCHEDULED, reason="rescheduled", now=timezone.now())
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT and not issue.events.exists()


@pytest.mark.django_db
def test_an_issue_comes_from_the_publication_by_name(smtp, django_user_model, settings):
    settings.MASTHEAD_SITE_NAME = "The Deccan Ledger"
    settings.DEFAULT_FROM_EMAIL = "Masthead <newsroom@ledger.example>"
    letter = make_newsletter(name="Politics Daily", slug="politics-daily")
    (reader,) = make_readers(django_user_model, 1)
    choose(letter, [reader])
    issue_send(issue_id=_due(make_issue(letter, [make_article()], subject="Politics")).pk)

    (message,) = smtp.for_address(reader.email)
    assert message["From"].addresses[0].display_name == "The Deccan Ledger"
    assert message["From"].addresses[0].addr_spec == "newsroom@ledger.example"
