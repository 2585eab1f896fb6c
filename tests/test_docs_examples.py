"""The docs say what is true: their examples run as written, and the
commands and settings they name exist.

Every shell example in README.md and docs/ that talks to the running site (a
```console block whose `$ ` commands call curl or name http://127.0.0.1:8000)
is run against a demo site started the way `make run` starts it: a new SQLite
database, `migrate`, `load_demo`, `manage.py serve`. A document's examples run
in order in one shell, so a token or a slug kept in a shell variable by one
step is there for the next. Each command must exit 0 and every answer it gets
must be a success (2xx or 3xx), unless the answer shown under it is an error;
where the docs show an answer, the real one must match it, with `…` standing
for whatever varies (ids, slugs, tokens, times).

The management commands the docs name must be commands that take the
options shown, and the settings the docs name must be read by the code; every
setting the code reads must be in docs/settings.md.
"""

import ast
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import requests
from django.core.management import get_commands, load_command_class

from masthead.testing.environment import free_port, require

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
SETTINGS_DOC = ROOT / "docs" / "settings.md"
COMMANDS_DOC = ROOT / "docs" / "commands.md"
# Where `make run` serves the demo, and so the address the examples use.
MAKE_RUN_SITE = "http://127.0.0.1:8000"

FENCE = re.compile(r"^(\s*)```\s*([\w-]*)")
CURL = re.compile(r"(?<![\w-])curl\s+(?=-|'?\"?https?://)")
URL = re.compile(r"https?://[^\s'\"]+")


# --- Reading the examples out of the docs ----------------------------------


@dataclass(frozen=True)
class Example:
    doc: Path
    line: int
    command: str
    # The answer the docs show under the command; empty when they show none.
    shown: str

    def __str__(self):
        return f"{self.doc.relative_to(ROOT)}:{self.line}: $ {self.command}"


def fenced_blocks(text: str) -> list[tuple[str, int, list[str]]]:
    """Each fenced code block: its language, the number of its first line and
    its lines (without the fence's own indentation)."""
    blocks, block, indent = [], None, ""
    for number, line in enumerate(text.splitlines(), start=1):
        fence = FENCE.match(line)
        if block is None and fence:
            indent = fence.group(1)
            block = (fence.group(2), number + 1, [])
        elif block is not None and fence:
            blocks.append(block)
            block = None
        elif block is not None:
            block[2].append(line.removeprefix(indent))
    return blocks


def console_examples(doc: Path, first_line: int, lines: list[str]) -> list[Example]:
    """The `$ ` commands of a console block (a command goes on over lines
    ending in a backslash), each with the lines shown under it."""
    found: list[tuple[int, str, list[str]]] = []
    for number, line in enumerate(lines, start=first_line):
        if line.startswith("$ "):
            found.append((number, line.removeprefix("$ "), []))
        elif found and found[-1][1].endswith("\\") and not found[-1][2]:
            number_, command, shown = found[-1]
            found[-1] = (number_, command + "\n" + line, shown)
        elif found:
            found[-1][2].append(line)
    return [Example(doc, number, command, "\n".join(shown).strip()) for number, command, shown in found]


def talks_to_the_site(command: str) -> bool:
    return bool(CURL.search(command)) or MAKE_RUN_SITE in command


@cache
def site_examples(doc: Path) -> tuple[Example, ...]:
    """The doc's console examples that talk to the running site, in order:
    every command of a console block in which any command does."""
    examples = []
    for language, first_line, lines in fenced_blocks(doc.read_text()):
        block = console_examples(doc, first_line, lines) if language == "console" else []
        if any(talks_to_the_site(example.command) for example in block):
            examples += block
    return tuple(examples)


DOCS_WITH_SITE_EXAMPLES = [doc for doc in DOCS if site_examples(doc)]


def shows(shown: str, answer: str) -> bool:
    """Whether ``answer`` is the one ``shown`` in the docs: `…` stands for
    anything, and any run of white space for any (the docs wrap long JSON
    over lines). The parts between the `…`s are found in order, each at its
    first place, which is enough for patterns whose only wildcard is `…`."""
    parts = [re.compile(r"\s*".join(map(re.escape, part.split()))) for part in shown.strip().split("…")]
    answer = answer.strip()
    if len(parts) == 1:
        return parts[0].fullmatch(answer) is not None
    start = parts[0].match(answer)
    if start is None:
        return False
    position = start.end()
    for part in parts[1:-1]:
        found = part.search(answer, position)
        if found is None:
            return False
        position = found.end()
    return re.compile(f"(?:{parts[-1].pattern})\\Z").search(answer, position) is not None


def expected_status(shown: str) -> str:
    """The HTTP status a command's answers should have, as a pattern.

    allauth's answers carry their own status (`{"status": 401, …}`), the
    API's errors are `{"code": …}` with a 4xx; an example that shows any
    other answer, or none, expects success.
    """
    if allauth := re.match(r'\{"status": (\d{3})\b', shown):
        return allauth.group(1)
    if shown.startswith('{"code": '):
        return r"4\d\d"
    return r"[23]\d\d"


# --- Running them against the demo site -------------------------------------


@dataclass(frozen=True)
class Outcome:
    exit_status: int
    output: str
    errors: str

    @property
    def statuses(self) -> list[str]:
        """The status of every answer curl got (its -v lines)."""
        return re.findall(r"^< HTTP/[\d.]+ (\d{3})", self.errors, re.MULTILINE)

    @property
    def messages(self) -> str:
        """stderr without curl's -v trace, for a failure's report."""
        trace = ("*", ">", "<", "{ [", "} [")
        return "\n".join(line for line in self.errors.splitlines() if not line.startswith(trace))


# Every curl also writes its exchange to stderr (-v), so the test sees the
# status of each answer without changing what the example prints.
SHELL_PROLOGUE = """\
set -o pipefail
curl() { command curl -v "$@"; }
"""


def run_in_one_shell(examples: tuple[Example, ...], site: str, folder: Path) -> list[Outcome]:
    """Run the examples in order in one bash, with the docs' address replaced
    by ``site``; each command's exit status and output are kept apart."""
    script = [SHELL_PROLOGUE]
    for number, example in enumerate(examples):
        script += ["{", example.command.replace(MAKE_RUN_SITE, site), f"}} >{number}.out 2>{number}.err", f"echo $? >{number}.rc"]
    (folder / "examples.sh").write_text("\n".join(script) + "\n")
    subprocess.run(
        ["bash", "--noprofile", "--norc", "examples.sh"],
        cwd=folder,
        env={name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ},
        timeout=300,
        check=True,
    )
    return [
        Outcome(
            exit_status=int((folder / f"{number}.rc").read_text()),
            output=(folder / f"{number}.out").read_text(),
            errors=(folder / f"{number}.err").read_text(),
        )
        for number in range(len(examples))
    ]


def _stop(server: subprocess.Popen) -> None:
    """serve stops its web, job and localstripe processes on SIGTERM."""
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory):
    """The demo site as `make run` serves it, but on ports of its own and with
    a data folder of its own (never the tests' database): migrate, load the
    demo, `manage.py serve`. Its address, once it answers."""
    require(shutil.which("curl") is not None, "curl not found: install Debian's 'curl' to run the docs' examples")
    folder = tmp_path_factory.mktemp("demo-site")
    env = {
        **{name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ},
        "MASTHEAD_DATA_DIR": str(folder),
        # A localstripe of its own, apart from the tests' one.
        "STRIPE_API_BASE": f"http://127.0.0.1:{free_port()}",
    }
    manage = [sys.executable, "manage.py"]
    for step in (["migrate", "--noinput", "-v0"], ["load_demo"]):
        result = subprocess.run(manage + step, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"manage.py {' '.join(step)} failed:\n{result.stdout}{result.stderr}"
    port = free_port()
    log = folder / "serve.log"
    with log.open("w") as output:
        # One web worker is plenty for one shell's requests on a shared machine.
        server = subprocess.Popen(
            manage + ["serve", "--port", str(port), "--web-workers", "1", "--job-workers", "1"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    site = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, f"manage.py serve stopped:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"the demo site did not answer on {site}:\n{log.read_text()}"
            try:
                if requests.get(f"{site}/healthz", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.2)
        yield site
    finally:
        _stop(server)


def test_the_api_guide_has_its_worked_example_run_here():
    """So that a change to the docs' layout cannot leave this test with
    nothing to run."""
    worked = site_examples(ROOT / "docs" / "api.md")
    assert len(worked) >= 10
    assert any("/api/auth/app/v1/auth/login" in example.command for example in worked)


def test_every_curl_in_the_docs_is_an_example_run_here():
    """A curl written anywhere else (in prose, in a ```sh block, without a
    `$ ` prompt) would never be run: write it as a console example."""
    not_run = {}
    for doc in DOCS:
        written = len(CURL.findall(doc.read_text()))
        run = sum(len(CURL.findall(example.command)) for example in site_examples(doc))
        if written != run:
            not_run[str(doc.relative_to(ROOT))] = written - run
    assert not_run == {}


def test_the_examples_talk_to_the_site_make_run_serves():
    elsewhere = [
        f"{example}: {url}"
        for doc in DOCS_WITH_SITE_EXAMPLES
        for example in site_examples(doc)
        for url in URL.findall(example.command)
        if not url.startswith(MAKE_RUN_SITE + "/")
    ]
    assert elsewhere == []


@pytest.mark.parametrize("doc", DOCS_WITH_SITE_EXAMPLES, ids=lambda doc: str(doc.relative_to(ROOT)))
def test_the_examples_run_as_written_against_the_demo_site(doc, demo_site, tmp_path):
    examples = site_examples(doc)
    for example, outcome in zip(examples, run_in_one_shell(examples, demo_site, tmp_path), strict=True):
        said = f"{example}\n--- stdout:\n{outcome.output}\n--- stderr:\n{outcome.messages}"
        assert outcome.exit_status == 0, f"exit status {outcome.exit_status}: {said}"
        if CURL.search(example.command):
            status = expected_status(example.shown)
            assert outcome.statuses, f"no answer seen: {said}"
            assert all(re.fullmatch(status, got) for got in outcome.statuses), (
                f"answered {', '.join(outcome.statuses)}, not {status}: {said}"
            )
        if example.shown:
            shown = example.shown.replace(MAKE_RUN_SITE, demo_site)
            assert shows(shown, outcome.output), f"the docs show:\n{shown}\n--- but it printed: {said}"


# How the examples are read and compared: each rule once, on small inputs.


def test_a_shown_answer_matches_with_the_ellipses_standing_for_what_varies():
    shown = '{"id": …, "reason": "free_within_meter",\n "meter": {"views": 1, …}}'
    assert shows(shown, '{"id": 412, "reason": "free_within_meter", "meter": {"views": 1, "free_limit": 5}}')
    assert not shows(shown, '{"id": 412, "reason": "meter_exhausted", "meter": {"views": 1, "free_limit": 5}}')
    assert not shows(shown, '{"id": 412, "reason": "free_within_meter", "meter": {"views": 2, "free_limit": 5}}')
    assert not shows("204", "404")
    assert not shows('{"a": …}', '{"a": 1} and more')


def test_a_command_goes_on_over_its_backslashed_lines_and_owns_the_lines_under_it():
    lines = ["$ TOKEN=$(curl -s \\", "    http://127.0.0.1:8000/x)", "$ curl -s http://127.0.0.1:8000/y", '{"ok": true}']
    first, second = console_examples(ROOT / "docs" / "api.md", 10, lines)
    assert (first.line, first.command, first.shown) == (10, "TOKEN=$(curl -s \\\n    http://127.0.0.1:8000/x)", "")
    assert (second.line, second.command, second.shown) == (12, "curl -s http://127.0.0.1:8000/y", '{"ok": true}')


def test_an_example_expects_success_unless_it_shows_an_error():
    assert expected_status("") == r"[23]\d\d"
    assert expected_status('{"status": 401, "data": {}}') == "401"
    assert expected_status('{"code": "not_signed_in", "message": "…"}') == r"4\d\d"


# --- Commands ---------------------------------------------------------------


def management_commands_table() -> str:
    """The table of docs/commands.md's "Management commands" section."""
    return COMMANDS_DOC.read_text().split("## Management commands", 1)[1].split("\n## ", 1)[0]


def named_commands() -> dict[str, tuple[set[str], str]]:
    """Each management command the docs name, with the long options they give
    it and where it is first named: `manage.py <command> --option …`
    anywhere, and the commands table of docs/commands.md."""
    named: dict[str, tuple[set[str], str]] = {}

    def add(name: str, options: str, where: str) -> None:
        given, first = named.get(name, (set(), where))
        named[name] = (given | set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", options)), first)

    for doc in DOCS:
        for number, line in enumerate(doc.read_text().splitlines(), start=1):
            for mention in re.finditer(r"manage\.py ([a-z_]+)([^`\n|;&#)'\"]*)", line):
                add(mention.group(1), mention.group(2), f"{doc.relative_to(ROOT)}:{number}")
    for line in management_commands_table().splitlines():
        if row := re.match(r"\| `([a-z_]+)([^`]*)` \|", line):
            add(row.group(1), row.group(2), f"docs/commands.md, the row of {row.group(1)}")
    return named


def command_options(name: str) -> set[str]:
    command = load_command_class(get_commands()[name], name)
    return {option for action in command.create_parser("manage.py", name)._actions for option in action.option_strings}


def test_every_command_the_docs_name_is_a_command_taking_the_options_shown():
    commands = get_commands()
    wrong = []
    for name, (options, where) in sorted(named_commands().items()):
        if name not in commands:
            wrong.append(f"{where}: manage.py {name} is no command")
        elif unknown := options - command_options(name):
            wrong.append(f"{where}: manage.py {name} takes no {', '.join(sorted(unknown))}")
    assert wrong == []


def test_every_command_of_masthead_is_in_the_commands_table():
    listed = set(re.findall(r"^\| `([a-z_]+)", management_commands_table(), re.MULTILINE))
    ours = {name for name, app in get_commands().items() if app.startswith("masthead.")}
    assert ours and ours - listed == set()


# --- Settings ---------------------------------------------------------------

VARIABLE = re.compile(r"MASTHEAD_[A-Z0-9_]+")
# Functions whose first argument names the environment variable they read
# (masthead/settings.py, masthead/core/app_settings.py, os.environ).
ENVIRONMENT_READERS = {"env_str", "env_bool", "env_int", "env_list", "setting", "whole_number", "whole_numbers", "getenv"}
# Django's own switches, set by manage.py, wsgi.py and conftest.py, not by a deployment.
DJANGOS_OWN = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
# Read by code but set by no one but that code itself.
INTERNAL = {
    "MASTHEAD_BENCH_PROFILE_DIR": "bench/common/jobs.py hands --profile to the bench's own child process",
}


def _is_python(path: Path) -> bool:
    return path.suffix == ".py" or path.read_text().startswith("#!/usr/bin/env python")


def _code_files() -> list[Path]:
    """The code that runs the site, its scripts, benches and test set-up; not
    the tests themselves, which set variables to see them read."""
    files = [
        ROOT / "manage.py",
        ROOT / "conftest.py",
        ROOT / "Makefile",
        ROOT / ".ci" / "run",
        *(ROOT / "scripts").iterdir(),
        *(ROOT / "masthead").rglob("*.py"),
        *(ROOT / "bench").rglob("*.py"),
        *(ROOT / "tests").rglob("conftest.py"),
    ]
    return [path for path in files if path.is_file() and not path.name.startswith("test_")]


def _read_in_python(source: str) -> tuple[set[str], set[str]]:
    """The MASTHEAD_* names a Python file spells out, and the names it hands to
    an environment reader."""
    masthead, read = set(), set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and VARIABLE.fullmatch(node.value):
            masthead.add(node.value)
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            function = node.func
            name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
            on_environ = isinstance(function, ast.Attribute) and ast.unparse(function.value).endswith("environ")
            if name in ENVIRONMENT_READERS or (on_environ and name in {"get", "setdefault", "pop"}):
                read.add(node.args[0].value)
        if isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("environ"):
            if isinstance(node.slice, ast.Constant):
                read.add(node.slice.value)
    return masthead, read


@cache
def variables_in_code() -> tuple[frozenset[str], frozenset[str]]:
    """Every environment variable the code uses, and those of them the site
    itself (masthead/) reads."""
    used, site = set(), set()
    for path in _code_files():
        source = path.read_text()
        if _is_python(path):
            masthead, read = _read_in_python(source)
            used |= masthead | read
            if path.is_relative_to(ROOT / "masthead"):
                site |= masthead | read
        else:
            lines = (line for line in source.splitlines() if not line.lstrip().startswith("#"))
            used |= set(VARIABLE.findall("\n".join(lines)))
    return frozenset(used - DJANGOS_OWN), frozenset(site - DJANGOS_OWN)


def variables_in_docs() -> dict[str, str]:
    """Every MASTHEAD_* name in README.md and docs/ (a trailing * makes it a
    prefix: `MASTHEAD_EMAIL_*`), with where it is first named."""
    named: dict[str, str] = {}
    for doc in DOCS:
        for number, line in enumerate(doc.read_text().splitlines(), start=1):
            for name in re.findall(r"MASTHEAD_[A-Z0-9_]+\*?", line):
                named.setdefault(name, f"{doc.relative_to(ROOT)}:{number}")
    return named


def settings_doc_tables() -> set[str]:
    """The variables in the first column of docs/settings.md's tables."""
    cells = re.findall(r"^\| ([^|]+) \|", SETTINGS_DOC.read_text(), re.MULTILINE)
    return {name for cell in cells for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", cell)}


def test_every_setting_the_docs_name_is_read_by_the_code():
    used, _ = variables_in_code()
    unread = [
        f"{where}: {name}"
        for name, where in sorted(variables_in_docs().items())
        if not (any(code.startswith(name[:-1]) for code in used) if name.endswith("*") else name in used)
    ]
    unread += [f"docs/settings.md: {name}" for name in sorted(settings_doc_tables() - used)]
    assert unread == []


def test_every_setting_the_code_reads_is_in_the_settings_doc():
    """docs/settings.md is the one list of every variable: MASTHEAD_* wherever
    it is read, and any other variable the site reads (SECRET_KEY, REDIS_URL…)."""
    used, site = variables_in_code()
    wanted = {name for name in used if VARIABLE.fullmatch(name)} | site
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", SETTINGS_DOC.read_text()))
    assert wanted - set(INTERNAL) - documented == set()


def test_the_variables_left_out_as_internal_are_still_read():
    used, _ = variables_in_code()
    assert set(INTERNAL) <= used
