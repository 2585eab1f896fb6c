"""Refusals a reader or a member of staff can meet wear the site's look and
say what to do next, rather than Django's bare pages."""

import pytest
from django.conf import settings
from django.test import Client

from masthead.testing.accounts import make_staff

pytestmark = pytest.mark.django_db


def test_a_form_sent_from_a_stale_tab_explains_itself_and_offers_the_way_back(django_user_model):
    django_user_model.objects.create_user(username="asha", email="asha@example.test", password="a long password here")
    browser = Client(enforce_csrf_checks=True)
    # The tab was opened before the reader signed in elsewhere: its form's token is stale.
    browser.get("/accounts/login/")
    response = browser.post(
        "/accounts/login/",
        {"login": "asha@example.test", "password": "a long password here", "csrfmiddlewaretoken": "stale" * 8},
        HTTP_REFERER="http://testserver/accounts/login/?next=/account/",
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert settings.MASTHEAD_SITE_NAME in page and "css/site" in page
    assert "This page had expired" in page
    assert 'href="/accounts/login/?next=/account/"' in page
    assert "CSRF" not in page and "DEBUG" not in page
    assert response["Cache-Control"] == "private, no-store"


def test_a_page_beyond_a_staff_members_role_says_so_in_the_sites_look():
    browser = Client()
    browser.force_login(make_staff("newsroom.view_article"))
    response = browser.get("/admin/payments/payment/")
    assert response.status_code == 403
    page = response.content.decode()
    assert settings.MASTHEAD_SITE_NAME in page
    assert "not open to your account" in page
    assert 'href="/admin/"' in page


def test_the_way_back_never_leads_off_the_site():
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/accounts/login/", {}, HTTP_REFERER="https://evil.example/phish")
    assert response.status_code == 403
    assert "evil.example" not in response.content.decode()
