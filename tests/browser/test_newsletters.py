"""A reader chooses newsletters and unsubscribes from one, in Chromium, with axe-core checks."""

import pytest

from masthead.newsletters.models import Newsletter, NewsletterSubscription
from masthead.newsletters.tokens import unsubscribe_token

from .conftest import blocking_accessibility_violations

pytestmark = pytest.mark.django_db(transaction=True)



@pytest.fixture
def letters():
    # Seeded by a migration, unless an earlier transactional test emptied the database.
    markets, _ = Newsletter.objects.update_or_create(slug="markets", defaults={"name": "Markets", "subscribers_only": True})
    tech, _ = Newsletter.objects.update_or_create(slug="tech", defaults={"name": "Tech", "subscribers_only": False})
    return {"markets": markets, "tech": tech}


def test_a_reader_chooses_a_newsletter_and_later_unsubscribes_from_the_mail_link(page, live_server, letters, django_user_model):
    reader = django_user_model.objects.create_user(username="nisha", email="nisha@example.test", password="a long passphrase 42")
    page.goto(live_server.url + "/accounts/login/?next=/account/")
    page.fill("input[name=login]", "nisha@example.test")
    page.fill("input[name=password]", "a long passphrase 42")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/account/")

    # Checked with the log-in message showing: the message list is part of the page.
    assert "You are logged in." in page.content()
    assert not blocking_accessibility_violations(page)
    section = page.locator("section[aria-labelledby=newsletters-heading]")
    assert "Included with a subscription" in section.inner_text()
    assert section.get_by_label("Markets").count() == 0
    section.get_by_label("Tech").check()
    section.get_by_role("button", name="Save my newsletters").click()
    page.wait_for_url("**/account/")
    assert "Your newsletters: Tech." in page.content()
    assert page.locator("section[aria-labelledby=newsletters-heading]").get_by_label("Tech").is_checked()

    token = unsubscribe_token(user_id=reader.pk, newsletter_id=letters["tech"].pk)
    page.context.clear_cookies()  # the link in a mail works signed out
    page.goto(f"{live_server.url}/newsletters/unsubscribe/{token}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Unsubscribe from Tech"
    assert not blocking_accessibility_violations(page)
    page.get_by_role("button", name="Unsubscribe from Tech").click()
    assert page.get_by_role("heading", level=1).inner_text() == "You are unsubscribed from Tech"
    assert not NewsletterSubscription.objects.filter(user=reader).exists()
