"""Where the time of an article request goes, by part of the stack.

One command builds a throw-away site per backend (migrate, demo content,
collectstatic, as bench/paywall.py does) and then, in one process with the
production settings, calls Django's WSGI handler directly (no web server, no
network) for four requests:

  healthz      GET /healthz, the framework's ceiling
  metered      an article re-read by an anonymous reader under the limit
  paywalled    an article for a reader who has used the month's free articles
  subscriber   a premium article for a signed-in reader with full access
  new visitor  the metered article for a visitor with no cookie: a reader
               minted, counted in the store and sent a signed cookie

For each it times ``--requests`` calls (default 3,000, after 300 unmeasured
ones) without a profiler: the wall time and this process's CPU time per
request. Then it runs the same number under cProfile and shares the time out
by part of the stack: URL resolution, middleware, sessions and sign-in, the
database, Redis, the cache, templates, the meter, the access decision, the
article view and so on. Time spent in Python's built-ins and standard library
is charged to the code that called them (a SQLite ``execute`` counts as
database time, an HMAC as the signed cookie's). cProfile slows Python code
more than C code, so the shares are a guide to where to look, and the
unprofiled times are the figures to quote.

    .venv/bin/python bench/timeshare.py [--backend sqlite|scaled|both] [--requests 3000]

Loopback only; everything it starts it stops. See bench/README.md.
"""

import argparse
import cProfile
import io
import json
import pstats
import sys
import sysconfig
import time
from collections import defaultdict
from pathlib import Path

from common.cli import (
    add_service_options,
    check_loopback,
    machine_line,
    print_table_head,
    script,
)
from common.helpers import PYTHON, log, run
from common.jobs import setup_django
from common.readers import FREE_LIMIT, METER_TEXT, PAYWALL_TEXT, READER_COOKIE
from common.site import throwaway_site

WARM_UP = 300

# Parts of the stack, by where the code lives; first match wins.
PARTS = [
    ("URL resolution", ("django/urls/",)),
    ("sessions and sign-in", ("django/contrib/sessions/", "django/contrib/auth/", "allauth/", "masthead/devices/")),
    ("database (ORM and driver)", ("django/db/", "psycopg", "psycopg_pool", "sqlite3")),
    ("Redis client", ("redis/", "hiredis")),
    ("cache layer", ("django/core/cache/", "django_redis")),
    ("templates", ("django/template/", "django/templatetags/")),
    ("meter", ("masthead/metering/",)),
    ("access decision", ("masthead/access/", "masthead/subscriptions/", "masthead/gifts/")),
    ("article view and page cache", ("masthead/newsroom/",)),
    ("Masthead middleware and helpers", ("masthead/core/", "masthead/")),
    ("whitenoise", ("whitenoise/",)),
    ("signing and cookies", ("django/core/signing", "django/http/cookie", "http/cookies")),
    ("request and response objects", ("django/http/",)),
    ("Django's handler", ("django/core/handlers/",)),
    ("Django's signals", ("django/dispatch/", "django/core/signals")),
    ("settings lookups", ("django/conf/",)),
    ("the Content-Security-Policy header", ("django/utils/csp", "django/middleware/csp")),
    ("lazy objects (request.user and others)", ("django/utils/functional",)),
    ("Django's middleware", ("django/middleware/", "django/contrib/messages/", "django/utils/deprecation")),
    ("Django's other utilities", ("django/utils/",)),
    ("the WSGI call (this script)", ("bench/timeshare.py",)),
]
STDLIB = sysconfig.get_paths()["stdlib"]


def part_of(filename: str) -> str | None:
    """The part a function belongs to, or None for built-ins and the standard
    library (charged to their callers instead)."""
    if filename == "~" or (filename.startswith(STDLIB) and "site-packages" not in filename):
        return None
    for part, markers in PARTS:
        if any(marker in filename for marker in markers):
            return part
    return "other Django and libraries"


def shares(stats: pstats.Stats) -> dict[str, float]:
    """Own time of every function, summed by part; a built-in's or the
    standard library's own time goes to its callers' parts, in proportion to
    the time each caller spent in it (following callers up a few levels)."""
    table = stats.stats
    totals: dict[str, float] = defaultdict(float)

    def charge(func, seconds: float, depth: int) -> None:
        part = part_of(func[0])
        callers = table[func][4] if func in table else {}
        if part is not None or depth >= 6 or not callers:
            totals[part or "Python built-ins"] += seconds
            return
        # Each caller's cumulative time in this function is its share.
        weights = {caller: entry[3] for caller, entry in callers.items()}
        whole = sum(weights.values())
        for caller, weight in weights.items():
            charge(caller, seconds * (weight / whole if whole else 1 / len(weights)), depth + 1)

    for func, (_, _, own, _, _) in table.items():
        if own:
            charge(func, own, 0)
    return dict(totals)


# --- the child: inside the site's Django ---------------------------------------------


class Caller:
    """Django's WSGI handler called directly, with a cookie jar per reader."""

    def __init__(self):
        from django.core.handlers.wsgi import WSGIHandler

        self.handler = WSGIHandler()

    def get(self, path: str, cookie: str = "") -> tuple[str, list, str]:
        outcome = {}

        def start_response(status, headers, exc_info=None):
            outcome["status"], outcome["headers"] = status, headers

        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SCRIPT_NAME": "",
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000", "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1", "HTTP_USER_AGENT": "masthead-bench", "HTTP_COOKIE": cookie,
            "HTTP_ACCEPT": "text/html", "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr, "wsgi.version": (1, 0),
            "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False,
        }  # fmt: skip
        response = self.handler(environ, start_response)
        try:
            body = b"".join(response).decode("utf-8", "replace")
        finally:
            response.close()
        return outcome["status"], outcome["headers"], body


def _reader_cookie(headers) -> str:
    for name, value in headers:
        if name.lower() == "set-cookie" and value.startswith(READER_COOKIE + "="):
            return value.split(";", 1)[0]
    raise RuntimeError("the article page set no reader cookie")


def _requests(caller: Caller) -> dict[str, tuple[str, str, tuple, tuple]]:
    """name -> (path, cookie, must, must_not), the readers set up as the pages bench does."""
    from datetime import timedelta
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.utils import timezone

    from masthead.newsroom.models import Article

    now = timezone.now()
    free = list(
        Article.objects.live(now)
        .filter(is_premium=False, meter_exempt=False, section__meter_exempt=False, publish_at__gte=now - timedelta(days=30))
        .order_by("-publish_at", "-id")
        .values_list("slug", flat=True)[: FREE_LIMIT + 1]
    )
    premium = Article.objects.live(now).filter(is_premium=True).order_by("-publish_at").values_list("slug", flat=True)[0]
    if len(free) < FREE_LIMIT + 1:
        raise RuntimeError("the demo has too few fresh free articles")
    metered_path = f"/articles/{free[0]}/"
    metered = _reader_cookie(caller.get(metered_path)[1])
    used_up = _reader_cookie(caller.get(f"/articles/{free[1]}/")[1])
    for slug in free[2 : FREE_LIMIT + 1]:
        caller.get(f"/articles/{slug}/", used_up)
    user = get_user_model().objects.create_user(
        username="bench-profile-subscriber", email="bench-profile@example.test", password=None,
        complimentary_access=True,
    )  # fmt: skip
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {
        "healthz": ("/healthz", "", ("ok",), ()),
        "metered": (metered_path, metered, (METER_TEXT,), (PAYWALL_TEXT,)),
        "paywalled": (f"/articles/{free[0]}/", used_up, (PAYWALL_TEXT,), ()),
        "subscriber": (f"/articles/{premium}/", f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
                       ("Log out",), (PAYWALL_TEXT, METER_TEXT)),
        "new visitor": (metered_path, "", (METER_TEXT,), (PAYWALL_TEXT,)),
    }  # fmt: skip


def _check(caller: Caller, name: str, request) -> None:
    path, cookie, must, must_not = request
    status, _, body = caller.get(path, cookie)
    if not status.startswith("200") or any(t not in body for t in must) or any(t in body for t in must_not):
        raise RuntimeError(f"{name}: {path} answered {status} without the expected page")


def child(count: int, out: Path, profile_dir: Path | None) -> None:
    setup_django(migrate=False)
    from django.db import connection

    caller = Caller()
    requests = _requests(caller)
    results = {}
    for name, request in requests.items():
        path, cookie = request[0], request[1]
        _check(caller, name, request)
        for _ in range(WARM_UP):
            caller.get(path, cookie)
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(count):
            caller.get(path, cookie)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(count):
            caller.get(path, cookie)
        profiler.disable()
        if profile_dir is not None:
            profiler.dump_stats(profile_dir / f"{connection.vendor}-{name}.prof")
        _check(caller, name, request)  # still the same page after the run
        stats = pstats.Stats(profiler)
        top = io.StringIO()
        pstats.Stats(profiler, stream=top).sort_stats("tottime").print_stats(15)
        results[name] = {
            "path": path, "wall_us": wall * 1e6 / count, "cpu_us": cpu * 1e6 / count,
            "profiled_us": stats.total_tt * 1e6 / count, "parts": shares(stats), "top": top.getvalue(),
        }  # fmt: skip
        log(f"{name}: {wall * 1e6 / count:.0f} µs a request")
    out.write_text(json.dumps({"engine": connection.vendor, "count": count, "pages": results}))


# --- the parent -------------------------------------------------------------------------


def run_backend(backend: str, options) -> dict:
    with throwaway_site(backend, options, "profile") as site:
        out = site.data_dir / "profile.json"
        dump = ["--profile", str(options.profile)] if options.profile else []
        run([PYTHON, __file__, "--child", str(out), "--requests", str(options.requests), *dump], env=site.production,
            timeout=3600)  # fmt: skip
        return {"backend": backend, **json.loads(out.read_text())}


def report(results: list[dict], options) -> None:
    for r in results:
        pages = r["pages"]
        names = list(pages)
        header = f"{'part of the stack':<34}" + "".join(f"{name:>12}" for name in names)
        print_table_head(
            f"{r['backend']}: {r['count']:,} calls of Django's WSGI handler per request, in one process "
            "(no web server); shares of the profiled time",
            header,
        )
        print(f"{'µs a request, unprofiled (wall)':<34}" + "".join(f"{pages[n]['wall_us']:>12.0f}" for n in names))
        print(f"{'µs a request, unprofiled (CPU)':<34}" + "".join(f"{pages[n]['cpu_us']:>12.0f}" for n in names))
        parts = sorted({p for n in names for p in pages[n]["parts"]}, key=lambda p: -pages["metered"]["parts"].get(p, 0))
        for part in parts:
            cells = []
            for n in names:
                share = pages[n]["parts"].get(part, 0) / sum(pages[n]["parts"].values())
                cells.append(f"{share:>11.0%} " if share >= 0.005 else f"{'·':>11} ")
            print(f"{part[:34]:<34}" + "".join(cells))
        if options.top:
            for n in names:
                print(f"\n{r['backend']}, {n}: the functions with the most own time (profiled)\n{pages[n]['top']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "scaled", "both"], default="both")
    parser.add_argument("--requests", type=int, default=3000, help="calls timed, and then profiled, per request")
    parser.add_argument("--top", action="store_true", help="also print each request's top functions by own time")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument(
        "--profile", type=Path, help="also write each request's cProfile data to DIR/<engine>-<request>.prof (for pstats)"
    )
    add_service_options(parser, redis_db=11)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if not 100 <= options.requests <= 100_000:
        parser.error("keep --requests within 100-100,000")
    if options.child:
        child(options.requests, options.child, options.profile)
        return 0
    if options.profile:
        options.profile = options.profile.resolve()
        options.profile.mkdir(parents=True, exist_ok=True)
    check_loopback(parser, options)
    print(machine_line())
    backends = ["sqlite", "scaled"] if options.backend == "both" else [options.backend]
    results = [run_backend(backend, options) for backend in backends]
    report(results, options)
    if options.json:
        Path(options.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    script(main)
