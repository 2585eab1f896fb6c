import pytest
from django.test import Client

from masthead.newsletters.models import Newsletter, NewsletterSubscription
from masthead.subscriptions import services as subscription_services
from masthead.testing.subscriptions import make_plan


def _reader(django_user_model, name, **fields):
    user = django_user_model.objects.create_user(username=name, email=f"{name}@example.test", password="x" * 20, **fields)
    browser = Client()
    browser.force_login(user)
    return user, browser


def _chosen(user):
    return set(NewsletterSubscription.objects.filter(user=user).values_list("newsletter__slug", flat=True))


@pytest.mark.django_db
def test_the_publication_starts_with_markets_finance_politics_and_tech():
    letters = {letter.slug: letter.subscribers_only for letter in Newsletter.objects.all()}
    assert letters == {"markets": True, "finance": True, "politics": False, "tech": False}


@pytest.mark.django_db
def test_a_subscriber_chooses_newsletters_on_the_account_page(django_user_model):
    reader, browser = _reader(django_user_model, "asha")
    plan = make_plan()
    subscription_services.subscription_activate(subscription=subscription_services.subscription_begin(user=reader, plan=plan))
    page = browser.get("/account/").text
    assert '<h2 id="newsletters-heading">Newsletters</h2>' in page
    assert 'value="markets"' in page and 'value="tech"' in page

    done = browser.post("/account/newsletters/", {"newsletter": ["markets", "tech"]}, follow=True).text
    assert "Your newsletters: Markets, Tech." in done
    assert _chosen(reader) == {"markets", "tech"}
    assert 'value="markets" id="newsletter-markets" checked' in done

    browser.post("/account/newsletters/", {"newsletter": ["tech"]})
    assert _chosen(reader) == {"tech"}


@pytest.mark.django_db
def test_a_reader_without_a_subscription_sees_subscriber_newsletters_as_included_and_cannot_join_one(django_user_model):
    reader, browser = _reader(django_user_model, "ravi")
    page = browser.get("/account/").text
    assert 'value="politics"' in page and 'value="markets"' not in page
    assert "<strong>Markets</strong> · Included with a subscription." in page
    assert 'href="/subscribe/"' in page

    browser.post("/account/newsletters/", {"newsletter": ["politics"]})
    refused = browser.post("/account/newsletters/", {"newsletter": ["tech", "markets"]}, follow=True).text

    assert "Markets comes with a subscription. Nothing was changed." in refused
    assert _chosen(reader) == {"politics"}


@pytest.mark.django_db
def test_an_unknown_newsletter_is_refused_and_nothing_changes(django_user_model):
    reader, browser = _reader(django_user_model, "meera")
    browser.post("/account/newsletters/", {"newsletter": ["tech"]})
    refused = browser.post("/account/newsletters/", {"newsletter": ["politics", "gardening"]}, follow=True).text
    assert "not offered any more; nothing was changed" in refused
    assert _chosen(reader) == {"tech"}


@pytest.mark.django_db
def test_a_lapsed_subscribers_markets_choice_is_kept_for_when_they_come_back(django_user_model):
    reader, browser = _reader(django_user_model, "kiran", complimentary_access=True)
    browser.post("/account/newsletters/", {"newsletter": ["markets", "tech"]})
    reader.complimentary_access = False
    reader.save()
    browser.post("/account/newsletters/", {"newsletter": []})
    assert _chosen(reader) == {"markets"}


def test_choosing_needs_a_signed_in_reader(client, db):
    response = client.post("/account/newsletters/", {"newsletter": ["tech"]})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not NewsletterSubscription.objects.exists()
