"""How long sign-up takes for a new address and for one that has an account.

They must not differ (a difference tells a stranger which addresses have
accounts; tests/attacks/test_found5_signup_timing.py checks the cause, the
password hash, without timing). A throw-away SQLite site, in process, mail
kept in memory; the web form and the app API, ``--tries`` sign-ups each,
printing the median and the spread.

    .venv/bin/python bench/signup.py [--tries 15]

See bench/README.md.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tries", type=int, default=15)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ["MASTHEAD_DATA_DIR"] = tempfile.mkdtemp(prefix="masthead-bench-signup-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    os.environ["MASTHEAD_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    password = "a very long passphrase 77"
    for n in range(args.tries):
        get_user_model().objects.create_user(username=f"known{n}", email=f"known{n}@example.test", password="x" * 20)

    def web(email):
        return Client().post("/accounts/signup/", {"email": email, "password1": password, "password2": password})

    def app(email):
        body = {"email": email, "password": password}
        return Client().post("/api/auth/app/v1/auth/signup", body, content_type="application/json")

    for name, sign_up in (("web form", web), ("app API", app)):
        for kind, addresses in (
            ("new address", [f"new{n}-{name[:3]}@example.test" for n in range(args.tries)]),
            ("registered address", [f"known{n}@example.test" for n in range(args.tries)]),
        ):
            times = []
            for address in addresses:
                cache.clear()  # allauth's per-address sign-up limit is not what is measured
                started = time.perf_counter()
                sign_up(address)
                times.append(time.perf_counter() - started)
            p10, p90 = statistics.quantiles(times, n=10)[0], statistics.quantiles(times, n=10)[-1]
            print(f"{name}, {kind}: median {statistics.median(times) * 1000:.0f} ms (p10 {p10 * 1000:.0f}, p90 {p90 * 1000:.0f}), {len(times)} sign-ups")


if __name__ == "__main__":
    main()
