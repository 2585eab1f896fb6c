"""Every error an app can meet is JSON with a stable code and a message."""

import pytest
from django.test import Client

from .conftest import app

pytestmark = pytest.mark.django_db


def _error(response, status: int, code: str) -> None:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert set(data) == {"code", "message"} and data["code"] == code and data["message"]


def test_errors_share_one_shape():
    _error(app().get("/api/v1/articles/no-such-story"), 404, "article_not_found")
    _error(app().get("/api/v1/no/such/address"), 404, "not_found")
    _error(app().get("/api/v1/articles", {"page_size": 500}), 422, "invalid_request")
    _error(app().get("/api/v1/articles", {"page": "two"}), 422, "invalid_request")
    _error(app().get("/api/v1/epaper/editions/2026-02-30"), 422, "invalid_request")
    _error(app().get("/api/v1/search", {"q": "rates", "from": "2026-05-02", "to": "2026-05-01"}), 422, "invalid_request")
    _error(app().get("/api/v1/me"), 401, "not_signed_in")
    _error(app().post("/api/v1/articles"), 405, "method_not_allowed")
    _error(app("expired").get("/api/v1/articles"), 401, "not_signed_in")


def test_a_validation_error_says_what_is_wrong():
    message = app().get("/api/v1/articles", {"page_size": 500}).json()["message"]
    assert "page_size" in message and "50" in message


def test_the_schema_and_the_docs_page_are_served():
    schema = Client().get("/api/v1/openapi.json")
    assert schema.status_code == 200 and schema.json()["info"]["title"] == "Masthead API"
    docs = Client().get("/api/v1/docs")
    assert docs.status_code == 200
    page = docs.text
    # The page's scripts come from the site itself, so the strict CSP admits them.
    assert "/static/ninja/swagger-ui-bundle.js" in page and "cdn." not in page
    assert "'self'" in docs["Content-Security-Policy"]
    assert Client().get("/static/ninja/swagger-ui-bundle.js").status_code == 200
