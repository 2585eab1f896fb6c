"""Every address of the site and the API, walked with hostile values in each
path converter and each known query parameter, by an anonymous reader and a
signed-in subscriber, with GET and HEAD: no answer may be a 5xx.

Nothing here is a hand-made list of addresses: the routes come from Django's
resolver (django-ninja's and allauth's included, as they are mounted), the
query parameters from the code that reads them and from the API's schema, so
a new address or parameter is walked the day it is added.
"""

import inspect
import re
import sys
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import pytest
from django import forms
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from masthead.api.v1.api import api as api_v1
from masthead.testing.newsroom import make_article, make_section
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db

# Numbers at and past every limit, digits str.isdigit and int() accept but
# ASCII does not, NUL, very long text, dates at and beyond the calendar's
# edges, and malformed ones.
HOSTILE = [
    "0", "1", "-1", "+1", "007", "2147483648", "9223372036854775807", "9223372036854775808",
    "99999999999999999999", "9" * 5000, "1e309", "NaN", "inf", "1_000", " 1",
    "²", "①", "٣", "٢٠٢٦", "١٢",
    "\x00", "a\x00b", "x" * 5000, "", " ", "%", "../..", "<script>", "'", '"', "[]", "{}", "null", "true",
    "0001-01-01", "9999-12-31", "0000-00-00", "0001-01", "9999-12", "0000-01", "2026-02-30", "2026-13-01",
    "2026-00", "10000-01-01", "-2026-01-01", "2026-1-1", "٢٠٢٦-٠١-٠١", "2026-01-01T25:00",
]  # fmt: skip
EDGES = ["0", "9223372036854775808", "99999999999999999999", "0001-01-01", "9999-12-31", "0001-01", "9999-12", "2026-02-30"]
EXAMPLES_PER_ADDRESS = 12
_PARAMETER = re.compile(r"<(?:[^>:]+:)?([^>]+)>")


@dataclass(frozen=True)
class Route:
    """One address: the chain of patterns from the root to its view."""

    chain: tuple
    callback: object

    @property
    def template(self) -> str:
        """``/api/v1/articles/{slug}``: as the API's schema writes it."""
        return "/" + _PARAMETER.sub(r"{\1}", "".join(str(pattern) for pattern in self.chain))

    def slots(self) -> list[tuple[str, str]]:
        """The address cut into (literal, regex) parts; a regex part is a
        slot for a value: a converter, or a whole regular-expression route."""
        parts = []
        for pattern in self.chain:
            if isinstance(pattern, RoutePattern):
                route = str(pattern)
                literals, names = _PARAMETER.split(route)[::2], _PARAMETER.findall(route)
                parts.append(("literal", literals[0]))
                for name, literal in zip(names, literals[1:], strict=True):
                    parts += [("slot", pattern.converters[name].regex), ("literal", literal)]
            elif isinstance(pattern, RegexPattern):
                parts.append(("slot", pattern.regex.pattern.removeprefix("^").removesuffix("$")))
            else:
                parts.append(("literal", str(pattern)))
        return parts


def _routes(patterns=None, chain=()):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, (*chain, pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield Route((*chain, pattern.pattern), pattern.callback)


def _api_query_names() -> dict[str, set[str]]:
    names = {}
    for path, operations in api_v1.get_openapi_schema()["paths"].items():
        for operation in operations.values():
            names.setdefault(path, set()).update(p["name"] for p in operation.get("parameters", []) if p["in"] == "query")
    return names


def _query_names(route: Route, api_names: dict[str, set[str]]) -> list[str]:
    """The query parameters an address reads: the API's schema says so for
    the API; for the site's own pages, request.GET in the view and the fields
    of the forms it builds (from request.GET). Libraries' views (the admin,
    allauth) read their own; of allauth's, the redirect target."""
    if route.template in api_names:
        return sorted(api_names[route.template])
    view = _view(route)
    if view.__module__.startswith("allauth."):
        return ["next"]
    if not _own(route):
        return []
    source = inspect.getsource(view)
    names = set(re.findall(r"""\.GET(?:\.get(?:list)?\(|\[)\s*["']([^"']+)["']""", source))
    for name, value in vars(sys.modules[view.__module__]).items():
        if inspect.isclass(value) and issubclass(value, forms.BaseForm) and re.search(rf"\b{name}\(", source):
            names |= set(value.base_fields) | set(getattr(value, "address_names", {}))
    return sorted(names)


def _view(route: Route):
    view = inspect.unwrap(route.callback)
    view = getattr(view, "view_class", view)
    return view if inspect.isfunction(view) or inspect.isclass(view) else type(view)  # a Feed instance


def _own(route: Route) -> bool:
    """The site's own page or the API (not the admin's or allauth's)."""
    return _view(route).__module__.startswith("masthead.") or route.template in _API_TEMPLATES


def _fits(regex: str, values) -> list[str]:
    return [value for value in values if re.fullmatch(regex, value)]


def _slot_value(regex: str, real: list[str]):
    fits = _fits(regex, [*HOSTILE, *real])
    drawn = st.from_regex(regex, fullmatch=True).filter(lambda v: len(v) < 300)
    return st.one_of(st.sampled_from(fits), drawn) if fits else drawn


def _address(parts, values) -> str:
    """The path, each slot's value escaped."""
    values = iter(values)
    return "/" + "".join(text if kind == "literal" else quote(next(values), safe="") for kind, text in parts)


def _url(path: str, query: dict) -> str:
    return path + ("?" + urlencode(query) if query else "")


ROUTES = list(_routes())
_API_TEMPLATES = set(api_v1.get_openapi_schema()["paths"])


@pytest.fixture
def visitors(django_user_model):
    """An anonymous reader, and a subscriber signed in on the web and in the
    app; and the real slugs, ids and days that lead past a first 404."""
    from masthead.api.tests.conftest import PASSWORD, sign_in

    section = make_section(name="Markets", slug="markets")
    story = make_article(section=section)
    make_article(section=section, is_premium=True)
    plan = make_plan(name="Monthly", slug="monthly")
    subscriber = django_user_model.objects.create_user(
        username="asha", email="asha@example.test", password=PASSWORD, complimentary_access=True
    )
    web = Client(raise_request_exception=False)
    web.force_login(subscriber)
    app = Client(raise_request_exception=False, HTTP_X_SESSION_TOKEN=sign_in(subscriber))
    real = [story.slug, section.slug, plan.slug, str(story.pk), timezone.localdate().isoformat(), "stripe", "razorpay"]
    return {"anonymous": Client(raise_request_exception=False), "subscriber": web, "subscriber-app": app}, real


def _server_errors(client, urls, who: str) -> list[str]:
    failures = []
    for url in urls:
        for method in (client.get, client.head):
            status = method(url).status_code
            if status >= 500:
                failures.append(f"{method.__name__.upper()} {url[:200]!r} as {who}: {status}")
    return failures


def test_every_hostile_value_alone_in_every_slot_and_parameter_is_never_a_server_error(visitors):
    """On the site's own pages and the API: each hostile value that fits a
    slot, in that slot, the others real; each hostile value in each query
    parameter the address reads. (The walk below covers every address.)"""
    clients, real = visitors
    api_names = _api_query_names()
    urls = []
    for route in filter(_own, ROUTES):
        parts = route.slots()
        regexes = [text for kind, text in parts if kind == "slot"]
        ordinary = [(_fits(regex, real) or _fits(regex, HOSTILE) or [None])[0] for regex in regexes]
        if None in ordinary:
            continue  # only random values fit (the walk below covers it)
        for index, regex in enumerate(regexes):
            urls += [_address(parts, [*ordinary[:index], value, *ordinary[index + 1 :]]) for value in _fits(regex, HOSTILE)]
        path, names = _address(parts, ordinary), _query_names(route, api_names)
        urls += [_url(path, {name: value}) for name in names for value in HOSTILE]
        # A filter often matters only beside another parameter (a search's
        # dates beside its words): the numbers and dates, each with one other
        # parameter set to a plain word.
        urls += [_url(path, {other: "a", name: value}) for name in names for other in names if other != name for value in EDGES]
        urls.append(_address(parts, ordinary))
    failures = []
    for who, client in clients.items():
        # A web session means nothing to the API, an app's token nothing to the site.
        mine = [url for url in dict.fromkeys(urls) if who == "anonymous" or url.startswith("/api/") == (who == "subscriber-app")]
        failures += _server_errors(client, mine, who)
    assert not failures, "\n".join(failures)


def test_no_address_answers_random_hostile_values_with_a_server_error(visitors):
    """Hostile and random values together, in every slot and parameter at
    once, by each visitor, GET and HEAD."""
    clients, real = visitors
    api_names = _api_query_names()
    failures = []
    for route in ROUTES:
        parts = route.slots()
        slots = [_slot_value(text, real) for kind, text in parts if kind == "slot"]
        names = _query_names(route, api_names) or ["page"]
        queries = st.dictionaries(st.sampled_from(names), st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40)), max_size=3)

        @settings(
            max_examples=EXAMPLES_PER_ADDRESS,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture],
        )
        @given(values=st.tuples(*slots), query=queries, who=st.sampled_from(sorted(clients)))
        def no_server_error(values, query, who):
            # Run at once, inside the loop: it sees this route's parts.
            assert not _server_errors(clients[who], [_url(_address(parts, values), query)], who)  # noqa: B023

        try:
            no_server_error()
        except AssertionError as error:
            failures.append(f"{route.template}: {error}")
    assert not failures, "\n".join(failures)
