"""The edge (Varnish with deploy/edge's VCL, started by run-edge) in front of
the test's live server: the edge a reader, or an outsider, actually reaches.

Each test that takes the ``edge`` fixture gets its own varnishd on free
ports, and the site signs with the same keys and tells it of purges and
revocations, as in production.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from .environment import free_port, require, wait_until_answering

RUN_EDGE = Path(__file__).resolve().parents[2] / "deploy" / "edge" / "run-edge"
KEYS = "k2:test-edge-key-two-0123456789abcdef0123456789,k1:test-edge-key-one-0123456789abcdef0123456789"
# Each running edge's folder and admin address, by its address (run-edge needs them to reload it).
STANDS: dict[str, tuple[Path, str]] = {}


@pytest.fixture
def edge(live_server, settings):
    """The edge's address."""
    require(shutil.which("varnishd") is not None,
            "varnishd not found: install Debian's varnish, varnish-modules and varnish-vmod-digest")  # fmt: skip
    # Varnish's compiler and workers run as its own user: the folder must be
    # one they can reach (a pytest tmp_path sits under a private folder).
    root = Path(tempfile.mkdtemp(prefix="masthead-edge-test-"))
    root.chmod(0o755)
    port, admin = free_port(), free_port()
    base = f"http://127.0.0.1:{port}"
    settings.MASTHEAD_EDGE_KEYS = KEYS
    settings.MASTHEAD_EDGE_URLS = base
    environment = {**os.environ, "MASTHEAD_EDGE_KEYS": KEYS, "EDGE_DIR": str(root), "EDGE_ADMIN": f"127.0.0.1:{admin}",
                   "PYTHON": sys.executable}  # fmt: skip
    origin_port = live_server.url.rsplit(":", 1)[1]
    subprocess.run([str(RUN_EDGE), f"127.0.0.1:{port}", origin_port], env=environment, check=True, capture_output=True)
    pid = int((root / "varnish.pid").read_text())
    STANDS[base] = (root, f"127.0.0.1:{admin}")
    try:
        wait_until_answering(base)
        # The edge trusts no cookie from the second it started in.
        time.sleep(1.05 - time.time() % 1)
        yield base
    finally:
        STANDS.pop(base, None)
        os.kill(pid, signal.SIGTERM)
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        shutil.rmtree(root, ignore_errors=True)


def session_cookies(user) -> dict:
    """A browser signed in as ``user`` (its cookies, for requests)."""
    from django.test import Client

    browser = Client()
    browser.force_login(user)
    return {"sessionid": browser.cookies["sessionid"].value}


def _csrf(browser, url: str) -> str:
    page = browser.get(url)
    assert page.status_code == 200, page.status_code
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def sign_in_and_out(browser, site: str, *, login: str, password: str) -> None:
    """The reader signs in on this browser (a ``requests.Session``) through
    the site's own forms at ``site``, and out again: the browser is tied to
    the account from then on."""
    token = _csrf(browser, site + "/accounts/login/")
    signed_in = browser.post(site + "/accounts/login/", data={"csrfmiddlewaretoken": token, "login": login,
                                                             "password": password})  # fmt: skip
    assert signed_in.status_code == 200 and "sessionid" in browser.cookies, signed_in.status_code
    token = _csrf(browser, site + "/accounts/logout/")
    browser.post(site + "/accounts/logout/", data={"csrfmiddlewaretoken": token})
    assert "sessionid" not in browser.cookies


def browser_walled_by_its_accounts_arm(edge: str, *, email: str, password: str):
    """A signed-out browser walled by the arm of the account that signed in
    on it: in a free-allowance experiment (control five a month, "one" one),
    the account drew one and the browser's own id draws five; the browser
    read a story, the reader signed in and out there, and the next story is
    walled by the account's arm, with a receipt saying so. The account, the
    browser (a ``requests.Session``) and the walled story."""
    from masthead.experiments import services as experiments
    from masthead.experiments.tests.factories import account_exposed_in, browser_in_arm, make_allowance_experiment
    from masthead.testing.metering import set_meter
    from masthead.testing.newsroom import BEYOND_LEAD_IN, PAYWALL_TEXT, make_story_with_hidden_sentence

    set_meter(free_limit=5)
    experiment = make_allowance_experiment(arms={"control": 5, "one": 1})
    experiments.forget_running_experiments()
    read, walled = make_story_with_hidden_sentence(), make_story_with_hidden_sentence()
    account = account_exposed_in(experiment, "one", email=email, password=password)
    browser = browser_in_arm(experiment, "control")
    assert BEYOND_LEAD_IN in browser.get(edge + read.get_absolute_url()).text
    sign_in_and_out(browser, edge, login=email, password=password)
    page = browser.get(edge + walled.get_absolute_url())
    assert PAYWALL_TEXT in page.text and BEYOND_LEAD_IN not in page.text
    assert ".p1." in browser.cookies.get("mt_rcpt", "")
    return account, browser, walled
