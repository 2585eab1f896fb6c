"""The demo site's readers as the page scripts meet them: the texts that tell
the full article from the paywall, the reader cookie, the fresh free articles
to read, and the readers under and over the meter's limit (checked before a
run and again after it)."""

import json
import re

from common.helpers import PYTHON, get, run

PAYWALL_TEXT = "Subscribe now for unlimited access."
METER_TEXT = 'class="meter-notice"'
READER_COOKIE = "mh_reader"
FREE_LIMIT = 5

# Slugs of fresh (< 30 days), live, free, metered articles, oldest last.
SLUGS_QUERY = """
import json
from datetime import timedelta
from django.utils import timezone
from masthead.newsroom.models import Article
now = timezone.now()
rows = (
    Article.objects.live(now)
    .filter(is_premium=False, meter_exempt=False, section__meter_exempt=False, publish_at__gte=now - timedelta(days=30))
    .order_by("-publish_at", "-id")
    .values_list("slug", flat=True)[:20]
)
print("SLUGS=" + json.dumps(list(rows)))
"""


# Run in the production environment (its SECRET_KEY signs the session): a
# signed-in session of a reader with complimentary access, made with the
# configured session engine (database or Redis).
SUBSCRIBER_SESSION_SCRIPT = """
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
user = get_user_model().objects.create_user(
    username="USERNAME", email="USERNAME@example.test", password=None, complimentary_access=True
)
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(f"SESSION={settings.SESSION_COOKIE_NAME}={session.session_key}")
"""


def subscriber_session(env: dict, username: str) -> str:
    """The Cookie header (``name=key``) of a new signed-in subscriber."""
    output = run([PYTHON, "manage.py", "shell", "-c", SUBSCRIBER_SESSION_SCRIPT.replace("USERNAME", username)],
                 env=env, capture=True)  # fmt: skip
    match = re.search(r"^SESSION=(.*)$", output, re.MULTILINE)
    if not match:
        raise RuntimeError(f"could not sign a subscriber in:\n{output[-2000:]}")
    return match.group(1)


def reader(value: str) -> str:
    """The Cookie header of an anonymous reader whose meter cookie is ``value``."""
    return f"{READER_COOKIE}={value}"


def reader_cookie_sent(headers) -> str | None:
    """The reader cookie's new value if the response sets one (it does when
    the meter counts an article), else None."""
    for value in headers.get_all("Set-Cookie") or []:
        match = re.match(rf"{READER_COOKIE}=([^;]+)", value)
        if match:
            return match.group(1).strip('"')
    return None


def reader_cookie(headers) -> str:
    value = reader_cookie_sent(headers)
    if value is None:
        raise RuntimeError("the article page set no reader cookie")
    return value


def pick_slugs(env: dict) -> list[str]:
    output = run([PYTHON, "manage.py", "shell", "-c", SLUGS_QUERY], env=env, capture=True)
    match = re.search(r"^SLUGS=(.*)$", output, re.MULTILINE)
    slugs = json.loads(match.group(1)) if match else []
    if len(slugs) < FREE_LIMIT + 2:
        raise RuntimeError(f"need {FREE_LIMIT + 2} fresh free articles, found {len(slugs)}")
    return slugs


def set_up_readers(port: int, slugs: list[str]) -> tuple[tuple[str, str], tuple[str, str]]:
    """(path, Cookie header) for (a) a reader under the limit and (b) one over it."""
    metered_path = f"/articles/{slugs[0]}/"
    status, headers, body = get(port, metered_path)
    if status != 200:
        raise RuntimeError(f"{metered_path} answered {status}")
    under = reader(reader_cookie(headers))
    status, _, body = get(port, metered_path, under)
    if status != 200 or PAYWALL_TEXT in body or METER_TEXT not in body:
        raise RuntimeError(f"(a) {metered_path} is not the full text with the meter notice (status {status})")

    # Reader (b) uses up the free articles on five others, then meets the paywall.
    used = slugs[1 : 1 + FREE_LIMIT]
    status, headers, _ = get(port, f"/articles/{used[0]}/")
    over = reader(reader_cookie(headers))
    for slug in used[1:]:
        status, _, body = get(port, f"/articles/{slug}/", over)
        if status != 200 or PAYWALL_TEXT in body:
            raise RuntimeError(f"(b) set-up: /articles/{slug}/ should still be free (status {status})")
    paywalled_path = f"/articles/{slugs[1 + FREE_LIMIT]}/"
    status, _, body = get(port, paywalled_path, over)
    if status != 200 or PAYWALL_TEXT not in body:
        raise RuntimeError(f"(b) {paywalled_path} is not the paywall (status {status})")
    return (metered_path, under), (paywalled_path, over)


def returning_reader(port: int, slugs: list[str], path: str) -> str:
    """The Cookie header of a reader who read another article and then
    ``path``, as it was before ``path``: its receipt does not name ``path``,
    so every request for it goes to the meter store (a count that answers
    "counted before")."""
    _, headers, _ = get(port, f"/articles/{slugs[-1]}/")
    before = reader(reader_cookie(headers))
    status, _, body = get(port, path, before)
    if status != 200 or PAYWALL_TEXT in body or METER_TEXT not in body:
        raise RuntimeError(f"(r) {path} is not the full text with the meter notice (status {status})")
    return before


def check_after(port: int, metered, paywalled) -> list[str]:
    """The run must not have changed what each reader sees."""
    problems = []
    status, _, body = get(port, metered[0], metered[1])
    if status != 200 or PAYWALL_TEXT in body or METER_TEXT not in body:
        problems.append(f"after the run (a) {metered[0]} is no longer the metered full text (status {status})")
    status, _, body = get(port, paywalled[0], paywalled[1])
    if status != 200 or PAYWALL_TEXT not in body:
        problems.append(f"after the run (b) {paywalled[0]} is no longer the paywall (status {status})")
    return problems
