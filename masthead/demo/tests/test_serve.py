"""`make run` (manage.py serve): the web workers and job consumers it starts
know the site's address, so links in mail point at the running site."""

import os
import subprocess
import sys
from pathlib import Path

from masthead.demo.management.commands import serve

ROOT = Path(__file__).resolve().parents[3]
# What a job consumer writes into a newsletter: an unsubscribe link.
UNSUBSCRIBE_LINK = (
    "from masthead.newsletters.mail import unsubscribe_url; print(unsubscribe_url(user_id=1, newsletter_id=1))"
)


def _in_a_child_process(environment: dict[str, str], code: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_without_a_site_url_mail_from_a_job_links_to_the_running_server(settings):
    settings.MASTHEAD_SITE_URL = ""
    environment = serve.Command._children_environment("127.0.0.1", 8123)

    link = _in_a_child_process(environment, UNSUBSCRIBE_LINK)

    assert link.startswith("http://127.0.0.1:8123/newsletters/unsubscribe/"), link


def test_a_server_on_every_interface_is_named_by_the_address_a_browser_here_uses(settings):
    settings.MASTHEAD_SITE_URL = ""
    assert serve.Command._children_environment("0.0.0.0", 8200)["MASTHEAD_SITE_URL"] == "http://127.0.0.1:8200"


def test_a_configured_site_url_is_left_as_it_is(settings):
    settings.MASTHEAD_SITE_URL = "https://news.example.com"
    environment = serve.Command._children_environment("127.0.0.1", 8123)
    assert environment.get("MASTHEAD_SITE_URL") == os.environ.get("MASTHEAD_SITE_URL")
