"""Throughput of the reader-facing pages against two ceilings, on both backends.

One command sets up a throw-away site per backend (migrate, demo content,
collectstatic, as bench/paywall.py does), starts the production web server as
``manage.py serve`` does (granian, 2 workers, 1 blocking thread each) and
measures with ``wrk``, in the same run:

  nginx        the metered article's HTML saved to a file and served by a
               throw-away nginx with as many workers: the hardware's ceiling
  ceiling      GET /healthz: a fixed-string Django view through the whole
               middleware stack: the framework's ceiling
  home         GET / (anonymous)
  section      GET /section/<slug>/ (anonymous)
  metered      an article re-read by an anonymous reader under the limit
  paywalled    an article for an anonymous reader who used the free ones
  subscriber   a premium article for a signed-in reader with complimentary
               access (session cookie of a session made in the site)
  search       GET /search/?q=<the commonest word of the demo's headlines>

The backends, the throw-away site and the server are bench/paywall.py's
(bench/common/site.py); Redis db 12 by default.

    .venv/bin/python bench/pages.py [--backend sqlite|scaled|both] [--duration 15]

Loopback only, and it stops whatever it started (on error and Ctrl+C too).
See bench/README.md.
"""

import json
import re
from dataclasses import dataclass

from common.cli import (
    print_failures,
    print_table_head,
    script,
    web_bench_main,
    wrk_line,
)
from common.cpu import NOISY_CORES, QuietWait
from common.helpers import HOST, PYTHON, get, run
from common.measure import BackendRun, Row, measure, measure_pages
from common.nginx import StaticNginx
from common.readers import METER_TEXT, PAYWALL_TEXT, pick_slugs, set_up_readers, subscriber_session
from common.site import throwaway_site

# A section with live articles, a live premium article and the commonest
# word of the live headlines.
SITE_QUERY = """
import json, re
from collections import Counter
from masthead.newsroom.models import Article
live = Article.objects.live()
section = live.filter(section__is_premium=False).values_list("section__slug", flat=True).first()
premium = live.filter(is_premium=True).order_by("-publish_at").values_list("slug", flat=True).first()
words = Counter(
    word for headline in live.values_list("headline", flat=True)
    for word in set(re.findall(r"[a-z]{5,}", headline.lower()))
)
print("SITE=" + json.dumps({"section": section, "premium": premium, "word": words.most_common(1)[0][0]}))
"""

SEARCH_FOUND = re.compile(r"(\d+|More than \d+) stor(y|ies) found")


@dataclass
class Page:
    label: str
    path: str
    cookie: str | None
    # What the body must say (and must not), checked before and after the run.
    must: tuple = ()
    must_not: tuple = ()

    def problem(self, port: int, when: str) -> str | None:
        status, _, body = get(port, self.path, self.cookie)
        if status != 200:
            return f"{when}: {self.label} {self.path} answered {status}"
        for text in self.must:
            found = text.search(body) if isinstance(text, re.Pattern) else text in body
            if not found:
                return f"{when}: {self.label} {self.path} lacks {getattr(text, 'pattern', text)!r}"
        for text in self.must_not:
            if text in body:
                return f"{when}: {self.label} {self.path} shows {text!r}"
        return None


def site_facts(env: dict) -> dict:
    output = run([PYTHON, "manage.py", "shell", "-c", SITE_QUERY], env=env, capture=True)
    match = re.search(r"^SITE=(.*)$", output, re.M)
    if not match:
        raise RuntimeError(f"could not read the site's facts:\n{output[-2000:]}")
    facts = json.loads(match.group(1))
    if not (facts["section"] and facts["premium"]):
        raise RuntimeError(f"the demo has no free section or no premium article: {facts}")
    return {**facts, "session": subscriber_session(env, "bench-subscriber")}


def pages_for(port: int, slugs: list[str], facts: dict) -> list[Page]:
    metered, paywalled = set_up_readers(port, slugs)
    premium = f"/articles/{facts['premium']}/"
    # The premium article is gated for a visitor: so the subscriber's full
    # text below is the session's doing, not the article's.
    status, _, body = get(port, premium)
    if status != 200 or PAYWALL_TEXT not in body:
        raise RuntimeError(f"{premium} is not behind the paywall for a visitor (status {status})")
    return [
        Page("ceiling /healthz", "/healthz", None, must=("ok",)),
        Page("home", "/", None, must=('class="teaser',)),
        Page("section", f"/section/{facts['section']}/", None, must=('class="teaser',)),
        Page("metered article", metered[0], metered[1], must=(METER_TEXT,), must_not=(PAYWALL_TEXT,)),
        Page("paywalled article", paywalled[0], paywalled[1], must=(PAYWALL_TEXT,)),
        Page(
            "subscriber article", premium, facts["session"],
            must=("Log out",), must_not=(PAYWALL_TEXT, METER_TEXT, "article__lead-in"),
        ),  # fmt: skip
        Page(f"search {facts['word']!r}", f"/search/?q={facts['word']}", None, must=(SEARCH_FOUND,)),
    ]


def bench_backend(backend: str, options, wrk_path: str, quiet: QuietWait) -> BackendRun:
    outcome = BackendRun(backend)
    with throwaway_site(backend, options, "pages") as site, site.serving() as server:
        port = server.port
        pages = pages_for(port, pick_slugs(site.production), site_facts(site.production))
        outcome.notes += [problem for page in pages if (problem := page.problem(port, "before the run"))]
        if outcome.notes:
            raise RuntimeError("; ".join(outcome.notes))

        # The hardware's ceiling: the metered article's own bytes, from a file.
        metered = pages[3]
        html = get(port, metered.path, metered.cookie)[2]
        nginx = StaticNginx(html, options.workers)
        try:
            nginx.start()
            _, result, cpu = measure(
                wrk_path, f"http://{HOST}:{nginx.port}/page.html", None,
                label=f"{backend}: nginx, {len(html.encode()):,} bytes", options=options, quiet=quiet, server=nginx,
            )  # fmt: skip
        finally:
            nginx.stop()
        outcome.rows.append(Row(backend, "nginx static file", "/page.html", result, cpu))

        measure_pages(
            outcome, [(page.label, page.path, page.cookie) for page in pages],
            site=site, server=server, wrk_path=wrk_path, options=options, quiet=quiet,
        )  # fmt: skip
        outcome.notes += [problem for page in pages if (problem := page.problem(port, "after the run"))]
    return outcome


def report(runs: list[BackendRun], options) -> None:
    header = (
        f"{'backend':<8} {'page':<26} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}"
        f" {'÷ healthz':>10} {'÷ nginx':>8} {'CPU ms/req':>10} {'other cores':>12}"
    )
    print_table_head(f"{wrk_line(options)}; nginx with {options.workers} workers", header)
    for outcome in runs:
        rps = {row.page: row.result.requests_per_second for row in outcome.rows}
        ceiling, hardware = rps.get("ceiling /healthz", 0), rps.get("nginx static file", 0)
        for row in outcome.rows:
            r = row.result
            print(
                f"{row.backend:<8} {row.page:<26} {r.requests_per_second:>8.0f} {r.p50_ms:>8.2f} {r.p99_ms:>8.2f}"
                f" {r.errors:>7} {r.requests_per_second / ceiling if ceiling else 0:>10.2f}"
                f" {r.requests_per_second / hardware if hardware else 0:>8.2f}"
                f" {row.cpu_ms_per_request:>10.2f} {row.cpu.other:>12.2f}"
            )
    print()
    for outcome in runs:
        workers = ", ".join(f"{kib / 1024:.0f}" for kib in outcome.workers_rss_kib)
        over = [kib for kib in outcome.workers_rss_kib if kib > 150 * 1024]
        print(f"{outcome.backend}: RSS per web worker after the run: {workers} MiB "
              f"({'over' if over else 'under'} the aim of 150 MB); granian main process "
              f"{outcome.main_rss_kib / 1024:.0f} MiB")  # fmt: skip
        noisy = [row.page for row in outcome.rows if row.cpu.other > NOISY_CORES]
        if noisy:
            print(f"  NOTE: other processes used more than {NOISY_CORES} of a core during: {', '.join(noisy)};"
                  " those requests/s are low by about that share: run again on a quiet machine")  # fmt: skip
        print_failures(outcome)


if __name__ == "__main__":
    script(lambda: web_bench_main(__doc__, bench_backend, report, redis_db=12))
