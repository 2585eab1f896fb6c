"""Schemathesis against the API's own OpenAPI schema: whatever an app sends,
no answer is a server error and every answer matches what the schema says,
for an anonymous app and for a signed-in one."""

import json
from contextlib import contextmanager
from datetime import timedelta

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from ninja.responses import NinjaJSONEncoder
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from masthead.api.v1.api import api
from masthead.testing.newsroom import make_article, make_section
from masthead.testing.subscriptions import make_plan

from .conftest import make_account, sign_in, subscribe

CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]
# A WSGI server always says where a request came from (sign-in limits and
# devices' addresses need it); werkzeug's test client does not unless told.
CLIENT = {"REMOTE_ADDR": "203.0.113.7"}


@contextmanager
def inside_the_test_transaction():
    """Schemathesis calls the WSGI app directly; like Django's test client,
    keep a request's start and end from closing the test's database
    connection (in a test transaction it looks unusable and would be closed)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


@pytest.fixture
def publication(db, django_user_model):
    """A small publication: sections, stories of every kind, plans, a subscriber."""
    markets = make_section(name="Markets", slug="markets")
    premium_desk = make_section(name="Analysis", slug="analysis", is_premium=True)
    make_article(section=markets, headline="Rates held again", slug="rates-held-again")
    make_article(section=markets, headline="Banks rally", is_premium=True)
    make_article(section=premium_desk, headline="What the fund managers did")
    make_article(section=markets, headline="Budget of the last year", published_ago=timedelta(days=400))
    make_article(section=markets, headline="Cyclone warning", meter_exempt=True)
    make_plan(name="Quarterly", price_minor=900_00, term_months=3)
    make_plan(name="Yearly", price_minor=2_700_00, term_months=12, is_featured=True)
    user = make_account(django_user_model, "asha", first_name="Asha")
    subscribe(user)
    return user


@pytest.fixture
def session_token(publication):
    """The subscriber's app, signed in through /api/auth/app/v1/auth/login."""
    return sign_in(publication)


def _loaded_schema():
    """The schema exactly as /api/v1/openapi.json serves it, read at collection
    without a request (a request now would touch the database before the
    test database exists); the tests then call the WSGI application."""
    served = json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))
    loaded = schemathesis.openapi.from_dict(served)
    loaded.app = get_wsgi_application()
    return loaded


schema = _loaded_schema()
EXAMPLES = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@schema.parametrize()
@EXAMPLES
def test_anonymous_apps_never_meet_a_server_error_or_an_answer_off_the_schema(case, publication):
    with inside_the_test_transaction():
        case.call_and_validate(checks=CHECKS, environ_base=CLIENT)


@schema.parametrize()
@EXAMPLES
def test_signed_in_apps_never_meet_a_server_error_or_an_answer_off_the_schema(case, session_token):
    with inside_the_test_transaction():
        case.call_and_validate(headers={"X-Session-Token": session_token}, checks=CHECKS, environ_base=CLIENT)
