"""Login limits hold for the whole site, not per web process, and count the
reader's own address behind the documented proxy.

Each batch of guesses runs in a process of its own (guesser.py) against this
test's database, as separate web workers would: a limit kept in one
process's memory would give every worker its own allowance.
"""

import json
import os
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

# ACCOUNT_RATE_LIMITS["login_failed"]: 10 a minute per address, 5 per account in 5 minutes.
PER_ACCOUNT = 5
PER_ADDRESS = 10


@pytest.fixture
def accounts(django_user_model):
    return [
        django_user_model.objects.create_user(username=f"r{n}", email=f"r{n}@example.test", password="the real one 123")
        for n in range(12)
    ]


def _database_url() -> str:
    """This test's database, for the other processes."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    return f"postgres://{quote(db['USER'])}{password}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def _guess_in_another_process(guesses, **environment) -> list[bool]:
    env = {**os.environ, "DATABASE_URL": _database_url(), "MASTHEAD_TRUSTED_PROXY_COUNT": "0", **environment}
    finished = subprocess.run(
        [sys.executable, "-m", "masthead.accounts.tests.guesser", json.dumps(guesses)],
        env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return json.loads(finished.stdout.strip().splitlines()[-1])


def test_two_processes_share_one_accounts_allowance_of_guesses(accounts):
    first = _guess_in_another_process([["r0@example.test", None]] * PER_ACCOUNT)
    second = _guess_in_another_process([["r0@example.test", None]] * PER_ACCOUNT)

    checked = (first + second).count(False)
    assert checked == PER_ACCOUNT, f"{checked} guesses were checked against the password"
    assert all(second)


def test_forwarded_for_is_not_believed_by_default(accounts):
    # Ten accounts, one guess each, each claiming another address: all of them
    # come from the same socket, so the eleventh is refused.
    guesses = [[f"r{n}@example.test", f"203.0.113.{n}"] for n in range(PER_ADDRESS + 1)]
    refused = _guess_in_another_process(guesses)
    assert refused == [False] * PER_ADDRESS + [True]


def test_behind_one_proxy_each_reader_is_counted_by_their_own_address(accounts):
    # nginx appends the address it saw to whatever the client sent, so the
    # last entry is the reader's; entries before it are the client's to forge.
    attacker = [[f"r{n}@example.test", f"198.51.100.{n}, 203.0.113.9"] for n in range(PER_ADDRESS + 1)]
    neighbour = [["r11@example.test", "192.0.2.44"]]
    refused = _guess_in_another_process(attacker + neighbour, MASTHEAD_TRUSTED_PROXY_COUNT="1")

    assert refused[:PER_ADDRESS] == [False] * PER_ADDRESS
    assert refused[PER_ADDRESS] is True, "forged entries before the proxy's evaded the limit"
    assert refused[-1] is False, "a reader behind the same proxy was counted as the attacker"
