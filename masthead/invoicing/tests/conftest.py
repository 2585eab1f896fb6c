import pytest

from masthead.testing.subscriptions import make_plan

from .factories import make_payment, make_subscription


@pytest.fixture
def reader(db, django_user_model):
    return django_user_model.objects.create_user(
        username="asha", email="asha@example.test", password="a long password here", first_name="Asha", last_name="Rao"
    )


@pytest.fixture
def other_reader(db, django_user_model):
    return django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="another long password")


@pytest.fixture
def quarterly(db):
    return make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)


@pytest.fixture
def subscription(reader, quarterly):
    return make_subscription(user=reader, plan=quarterly)


@pytest.fixture
def payment(subscription):
    return make_payment(subscription=subscription)
