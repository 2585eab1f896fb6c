from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from masthead.newsletters.models import Issue, IssueArticle, IssueStatus
from masthead.testing.newsroom import make_article

from .conftest import make_issue, make_newsletter
from .test_sending import PREMIUM_BODY, SECRET


@pytest.fixture
def newsletter_editor(db, django_user_model):
    user = django_user_model.objects.create_user(
        username="desk", email="desk@example.test", password="x" * 20, is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["newsletters", "newsroom"])
    )
    browser = Client()
    browser.force_login(user)
    return browser


def test_the_preview_shows_editors_the_exact_mail_and_nobody_else(newsletter_editor, django_user_model, settings):
    settings.MASTHEAD_SITE_URL = "https://news.example.test"
    premium = make_article(headline="Cement maker sells a unit", body=PREMIUM_BODY, is_premium=True)
    issue = make_issue(make_newsletter(name="Markets Morning"), [premium], intro="Markets were calm today.")

    html = newsletter_editor.get(f"/admin/newsletters/issue/{issue.pk}/preview/")
    text = newsletter_editor.get(f"/admin/newsletters/issue/{issue.pk}/preview.txt")

    assert html.status_code == text.status_code == 200
    for page in (html.text, text.text):
        assert "Markets were calm today." in page and "Cement maker sells a unit" in page
        assert "/newsletters/unsubscribe/" in page
        assert SECRET not in page

    reader = django_user_model.objects.create_user(username="r", email="r@example.test", password="x" * 20)
    staff_without_rights = django_user_model.objects.create_user(username="s", email="s@example.test", password="x" * 20, is_staff=True)
    for user in (reader, staff_without_rights):
        browser = Client()
        browser.force_login(user)
        response = browser.get(f"/admin/newsletters/issue/{issue.pk}/preview/")
        assert response.status_code in (302, 403) and "Cement maker" not in response.text
    anonymous = Client().get(f"/admin/newsletters/issue/{issue.pk}/preview/")
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]


def _form(issue, articles, **extra):
    form = {
        "newsletter": issue.newsletter_id, "subject": issue.subject, "intro": issue.intro,
        "scheduled_for_0": "", "scheduled_for_1": "",
        "entries-TOTAL_FORMS": str(len(articles)), "entries-INITIAL_FORMS": "0",
        "entries-MIN_NUM_FORMS": "0", "entries-MAX_NUM_FORMS": "1000",
        "events-TOTAL_FORMS": "0", "events-INITIAL_FORMS": "0", "events-MIN_NUM_FORMS": "0", "events-MAX_NUM_FORMS": "0",
    }  # fmt: skip
    for n, article in enumerate(articles):
        form[f"entries-{n}-article"] = article.pk
        form[f"entries-{n}-position"] = n
        form[f"entries-{n}-issue"] = issue.pk
    return form | extra


def test_an_editor_composes_schedules_and_cancels_an_issue(newsletter_editor):
    first, second = make_article(headline="First story"), make_article(headline="Second story")
    issue = make_issue(make_newsletter(), [])
    change_page = newsletter_editor.get(f"/admin/newsletters/issue/{issue.pk}/change/").text
    assert 'name="_send_now"' in change_page and 'name="_schedule"' in change_page
    assert f"/admin/newsletters/issue/{issue.pk}/preview/" in change_page
    assert newsletter_editor.get("/admin/newsletters/newsletter/").status_code == 200
    when = timezone.localtime(timezone.now() + timedelta(days=1))
    form = _form(issue, [second, first], scheduled_for_0=f"{when:%Y-%m-%d}", scheduled_for_1=f"{when:%H:%M:%S}", _schedule="1")

    page = newsletter_editor.post(f"/admin/newsletters/issue/{issue.pk}/change/", form, follow=True).text

    assert "Scheduled for" in page
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SCHEDULED
    assert [entry.article.headline for entry in IssueArticle.objects.filter(issue=issue)] == ["Second story", "First story"]

    newsletter_editor.post(f"/admin/newsletters/issue/{issue.pk}/change/", _form(issue, [], _unschedule="1"))
    assert Issue.objects.get(pk=issue.pk).status == IssueStatus.DRAFT


def test_an_issue_without_articles_cannot_be_sent(newsletter_editor):
    issue = make_issue(make_newsletter(), [])
    page = newsletter_editor.post(f"/admin/newsletters/issue/{issue.pk}/change/", _form(issue, [], _send_now="1"), follow=True).text
    assert "Add at least one published article before sending the issue." in page
    assert Issue.objects.get(pk=issue.pk).status == IssueStatus.DRAFT


def test_send_now_queues_the_job_that_sends_the_issue(newsletter_editor, smtp, django_user_model, jobs_inline, django_capture_on_commit_callbacks):
    from .conftest import choose, make_readers

    story = make_article(headline="Rupee steadies")
    issue = make_issue(make_newsletter(), [])
    readers = make_readers(django_user_model, 3)
    choose(issue.newsletter, readers)

    with django_capture_on_commit_callbacks(execute=True):
        page = newsletter_editor.post(
            f"/admin/newsletters/issue/{issue.pk}/change/", _form(issue, [story], _send_now="1"), follow=True
        ).text

    assert "The issue is being sent." in page
    assert smtp.per_recipient() == {reader.email: 1 for reader in readers}
    assert Issue.objects.get(pk=issue.pk).status == IssueStatus.SENT
    sent_page = newsletter_editor.get(f"/admin/newsletters/issue/{issue.pk}/change/").text
    assert 'name="_send_now"' not in sent_page  # a sent issue is no longer editable
