"""What recording reading history costs on a signed-in article view, on SQLite.

A signed-in reader who opens a story in full has it recorded
(``newsroom.ArticleReading``): a SELECT on every such view, and a write when
the story is new to the reader that day. This measures signed-in article views
with the recording on and off (``MASTHEAD_READING_HISTORY``), in one run, on
one throw-away site (bench/common/site.py) served as ``manage.py serve``
serves it (granian, 2 workers, 1 blocking thread each):

  reread     one reader re-reading one story: the recording's SELECT only
             (after the first view, which wrote)
  new story  every request a (reader, story) pair not read before, from
             --readers readers with complimentary access across the newest
             --stories live stories (a wrk Lua script hands out the pairs):
             a write each time

Each case runs with the recording off, then on, --rounds times (off first,
so the pairs are still unread when it is on; alternating, so a neighbour's
load that comes and goes falls on both). Every story's page is fetched before, so
the cached pages do not count. After the "on" runs the rows written are
counted against the requests made, so a figure that wrote less than it
should is said to.

    .venv/bin/python bench/reading.py [--duration 15] [--readers 400] [--stories 200] [--rounds 2]

Loopback only, and it stops whatever it started (on error and Ctrl+C too).
"""

import argparse
import dataclasses
import json
import re
import time

from common.cli import add_server_options, check_server_options, machine_line, print_table_head, script, wrk_line
from common.cpu import QuietWait
from common.helpers import HOST, PYTHON, ensure_wrk, get, log, run
from common.site import throwaway_site
from common.wrk import parse_wrk, wrk

# In the production environment (its SECRET_KEY, its session engine): readers
# with complimentary access, each with a signed-in session, and every live story.
SITE_QUERY = """
import json
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from masthead.newsroom.models import Article
Store = import_module(settings.SESSION_ENGINE).SessionStore
cookies = []
for n in range(READERS + 1):
    user = get_user_model().objects.create_user(
        username=f"bench-reader-{n}", email=f"bench-reader-{n}@example.test", password=None, complimentary_access=True
    )
    session = Store()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    cookies.append(f"{settings.SESSION_COOKIE_NAME}={session.session_key}")
slugs = Article.objects.live().order_by("-publish_at").values_list("slug", flat=True)[:STORIES]
paths = [f"/articles/{slug}/" for slug in slugs]
print("SITE=" + json.dumps({"cookies": cookies, "paths": paths}))
"""

READINGS_QUERY = """
from masthead.newsroom.models import ArticleReading
print("READINGS=%d" % ArticleReading.objects.count())
"""

# Request k (counted across threads from the offset given after --) is reader
# k mod R on story (k div R) mod A: every pair once until R*A requests.
LUA = """
local cookies = {COOKIES}
local paths = {PATHS}
local R, A = #cookies, #paths
local counter = 1
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end
function init(args)
  offset = tonumber(args[1]) or 0
  step = tonumber(args[2]) or 1
  n = 0
end
function request()
  local k = offset + (id - 1) + n * step
  n = n + 1
  local reader = k % R
  local story = math.floor(k / R) % A
  return wrk.format("GET", paths[story + 1], {["Cookie"] = cookies[reader + 1]})
end
"""

# One reader kept aside: it fetches every story before, to fill the page caches.
WARMER = 0
WARM_FETCHES = 4


@dataclasses.dataclass
class Case:
    history: str
    label: str
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    cpu_ms_per_request: float
    round: int = 1


def _lua_list(values: list[str]) -> str:
    return "{" + ", ".join(json.dumps(value) for value in values) + "}"


def site_facts(env: dict, readers: int, stories: int) -> dict:
    query = SITE_QUERY.replace("READERS", str(readers)).replace("STORIES", str(stories))
    output = run([PYTHON, "manage.py", "shell", "-c", query], env=env, capture=True)
    match = re.search(r"^SITE=(.*)$", output, re.M)
    if not match:
        raise RuntimeError(f"could not read the site's facts:\n{output[-2000:]}")
    return json.loads(match.group(1))


def readings(env: dict) -> int:
    output = run([PYTHON, "manage.py", "shell", "-c", READINGS_QUERY], env=env, capture=True)
    return int(re.search(r"^READINGS=(\d+)$", output, re.M).group(1))


def _load(options, wrk_path, url, *, server, quiet, seconds, cookie=None, lua=None, args=(), latency=True):
    quiet()
    pids = [pid for pid, _, _ in server.processes()]
    return wrk(
        wrk_path, url, cookie=cookie, seconds=seconds, threads=options.threads, connections=options.connections,
        latency=latency, server_pids=pids, script=lua, script_args=args,
    )  # fmt: skip


def run_cases(site, history: str, facts: dict, lua, options, wrk_path, quiet, offset: int) -> tuple[list[Case], int]:
    """Both cases with the recording ``history`` ("on"/"off"); returns them and
    the pair offset after them (the next unused pairs)."""
    cases = []
    served = dataclasses.replace(site, production={**site.production, "MASTHEAD_READING_HISTORY": history})
    with served.serving() as server:
        base = f"http://{HOST}:{server.port}"
        # Every story's page cached before anything is measured, in both
        # workers' own caches (each fetch is a new connection, which either may take).
        for _ in range(WARM_FETCHES):
            for path in facts["paths"]:
                status, _, body = get(server.port, path, facts["cookies"][WARMER])
                if status != 200 or "Log out" not in body:
                    raise RuntimeError(f"{path} is not served to a signed-in reader (status {status})")
        reader, story = facts["cookies"][1], facts["paths"][0]
        log(f"history {history}: reread, warm-up {options.warmup}s, then {options.duration}s")
        if options.warmup:
            _load(options, wrk_path, base + story, server=server, quiet=quiet, seconds=options.warmup, cookie=reader, latency=False)
        output, cpu = _load(options, wrk_path, base + story, server=server, quiet=quiet, seconds=options.duration, cookie=reader)
        cases.append(_case(history, "reread", output, cpu))

        step = options.threads
        log(f"history {history}: new story each view, warm-up {options.warmup}s, then {options.duration}s")
        if options.warmup:
            # wrk counts requests per thread: each thread takes every step-th pair from the offset.
            output, _ = _load(options, wrk_path, base + story, server=server, quiet=quiet, seconds=options.warmup, lua=lua, args=(offset, step), latency=False)  # fmt: skip
            offset += _pairs_used(parse_requests(output), options)
        output, cpu = _load(options, wrk_path, base + story, server=server, quiet=quiet, seconds=options.duration, lua=lua, args=(offset, step))  # fmt: skip
        case = _case(history, "new story each view", output, cpu)
        cases.append(case)
        offset += _pairs_used(case.requests, options)
    return cases, offset


def _pairs_used(requests: int, options) -> int:
    """Pairs a run may have taken: wrk's threads need not share the requests
    evenly, and each takes every ``threads``-th pair, so leave room."""
    return int(requests * 1.5) + options.connections


def parse_requests(output: str) -> int:
    return int(re.search(r"(\d+) requests in", output).group(1))


def _case(history: str, label: str, output: str, cpu) -> Case:
    result = parse_wrk(output)
    per_request = cpu.server_seconds * 1000 / result.requests if result.requests else 0.0
    return Case(history, label, result.requests_per_second, result.p50_ms, result.p99_ms, result.requests, result.errors, per_request)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_server_options(parser, duration=15, redis_db=14)
    parser.add_argument("--readers", type=int, default=400, help="signed-in readers the new-story case spreads over")
    parser.add_argument("--stories", type=int, default=200, help="the newest live stories they read")
    parser.add_argument("--rounds", type=int, default=2, help="times off and on are measured, alternately")
    options = parser.parse_args()
    check_server_options(parser, options)
    if not 10 <= options.readers <= 5000 or not 10 <= options.stories <= 2000 or not 1 <= options.rounds <= 5:
        parser.error("--readers: 10 to 5000; --stories: 10 to 2000; --rounds: 1 to 5")
    wrk_path = ensure_wrk()
    started = time.monotonic()
    print(machine_line())
    quiet = QuietWait(options.quiet_wait, retries=options.retries)
    with throwaway_site("sqlite", options, "reading") as site:
        facts = site_facts(site.production, options.readers, options.stories)
        # The warmer reads every story before each server's runs; the others only in the runs.
        readers = facts["cookies"][1:]
        pairs = len(readers) * len(facts["paths"])
        lua = site.data_dir / "pairs.lua"
        lua.write_text(LUA.replace("{COOKIES}", _lua_list(readers)).replace("{PATHS}", _lua_list(facts["paths"])))
        log(f"{len(readers)} readers x {len(facts['paths'])} stories = {pairs:,} pairs")
        off, on, written_off, written_on = [], [], 0, 0
        offset = 0
        for round_number in range(1, options.rounds + 1):
            # Off and on alternate, so a neighbour's load that comes and goes
            # falls on both rather than on one.
            before = readings(site.production)
            cases, offset = run_cases(site, "off", facts, lua, options, wrk_path, quiet, offset=offset)
            off += [dataclasses.replace(case, round=round_number) for case in cases]
            middle = readings(site.production)
            written_off += middle - before
            cases, offset = run_cases(site, "on", facts, lua, options, wrk_path, quiet, offset=offset)
            on += [dataclasses.replace(case, round=round_number) for case in cases]
            written_on += readings(site.production) - middle

    header = (
        f"{'round':>5} {'history':<8} {'signed-in article view':<24} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}"
        f" {'errors':>7} {'CPU ms/req':>10}"
    )
    print_table_head(f"SQLite; {wrk_line(options)}", header)
    for case in sorted(off + on, key=lambda c: (c.round, c.history != "off")):
        print(
            f"{case.round:>5} {case.history:<8} {case.label:<24} {case.rps:>8.0f} {case.p50_ms:>8.2f} {case.p99_ms:>8.2f}"
            f" {case.errors:>7} {case.cpu_ms_per_request:>10.2f}"
        )
    print()
    for round_number in range(1, options.rounds + 1):
        for label in ("reread", "new story each view"):
            (a,) = [c for c in off if c.label == label and c.round == round_number]
            (b,) = [c for c in on if c.label == label and c.round == round_number]
            print(
                f"round {round_number}, {label}: recording on gives {b.rps / a.rps:.2f}× the requests/s of off, "
                f"{b.cpu_ms_per_request - a.cpu_ms_per_request:+.2f} ms CPU a request; p99 {a.p99_ms:.1f} → {b.p99_ms:.1f} ms"
            )
    new_on = sum(c.requests for c in on if c.label == "new story each view")
    print(
        f"rows written: {written_off} with the recording off; {written_on:,} with it on "
        f"(the new-story runs made {new_on:,} measured requests, of {pairs:,} pairs; the warming fetches "
        f"and the reread's first view wrote {len(facts['paths']) + 1} more in the first round)"
    )
    problems = []
    if written_off:
        problems.append("the recording was off, yet rows were written")
    if offset > pairs:
        problems.append(f"the runs needed {offset:,} pairs but there are {pairs:,}: some views were rereads; raise --readers")
    if any(c.errors for c in off + on):
        problems.append("some requests failed")
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print(f"\ntotal time {time.monotonic() - started:.0f} s")
    return 1 if problems else 0


if __name__ == "__main__":
    script(main)
