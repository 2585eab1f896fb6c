"""Every list in the API is one page of a longer list, in one shape."""

import pytest

from masthead.testing.newsroom import make_article

from .conftest import app

pytestmark = pytest.mark.django_db


def test_every_list_answers_as_a_page_of_the_same_shape():
    make_article(headline="Rates held again")
    answers = {
        "articles": app().get("/api/v1/articles").json(),
        "search": app().get("/api/v1/search", {"q": "rates"}).json(),
        "search without a word": app().get("/api/v1/search", {"q": "!!!"}).json(),
        "editions": app().get("/api/v1/epaper/editions").json(),
    }
    shapes = {name: {key: answer[key] for key in ("page", "total", "pages")} for name, answer in answers.items()}
    assert shapes == {
        "articles": {"page": 1, "total": 1, "pages": 1},
        "search": {"page": 1, "total": 1, "pages": 1},
        # Nothing found is still one (empty) page.
        "search without a word": {"page": 1, "total": 0, "pages": 1},
        "editions": {"page": 1, "total": 0, "pages": 1},
    }
    assert [len(answer["items"]) for answer in answers.values()] == [1, 1, 0, 0]
    assert all(answer["page_size"] >= 1 for answer in answers.values())
