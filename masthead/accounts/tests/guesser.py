"""Password guesses from a process of its own: `python -m masthead.accounts.tests.guesser GUESSES`.

GUESSES is a JSON list of [address, X-Forwarded-For or null]. Prints a JSON
list with, for each guess, whether the site refused to check it ("Too many
failed login attempts"). Used by test_rate_limits.py to show that limits
hold across processes: each run is a separate process with its own memory,
as each web worker is.
"""

import json
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings")
    import django

    django.setup()
    from django.test import Client

    refused = []
    for address, forwarded_for in json.loads(sys.argv[1]):
        headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
        response = Client(HTTP_HOST="127.0.0.1", **headers).post(
            "/accounts/login/", {"login": address, "password": "a wrong guess"}
        )
        refused.append("Too many failed login attempts" in response.text)
    print(json.dumps(refused))


if __name__ == "__main__":
    main()
