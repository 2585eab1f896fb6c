import pytest


@pytest.fixture
def subscriber(django_user_model):
    return django_user_model.objects.create_user(
        username="sub", email="sub@example.test", password="x" * 20, complimentary_access=True
    )


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="free", email="free@example.test", password="x" * 20)
