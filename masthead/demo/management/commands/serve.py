"""Run Masthead on one machine: the web server and the job consumer together."""

import os
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from django.conf import settings
from django.core.management.base import BaseCommand

from masthead.demo.logins import demo_logins_to_print


def _address(host: str, port: int) -> str:
    """The server's address as a browser on this machine reaches it (a server
    listening on every interface answers on 127.0.0.1)."""
    shown_host = "127.0.0.1" if host in {"0.0.0.0", "::"} else host
    if ":" in shown_host:
        shown_host = f"[{shown_host}]"  # an IPv6 address, as a URL writes it
    return f"http://{shown_host}:{port}"


class Command(BaseCommand):
    help = "Start the web server (granian) and the job consumer (huey), print the address, and wait."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("MASTHEAD_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("MASTHEAD_PORT", "8000")))
        parser.add_argument("--web-workers", type=int, default=int(os.environ.get("MASTHEAD_WEB_WORKERS", "2")))
        parser.add_argument(
            "--job-workers",
            type=int,
            default=int(os.environ.get("MASTHEAD_JOB_WORKERS", "1")),
            help="Job consumer processes (2 threads each). Only the first runs the periodic clock.",
        )

    def handle(self, *args, host, port, web_workers, job_workers, **options):
        python = sys.executable
        environment = self._children_environment(host, port)
        consumers = {
            f"jobs-{number}": subprocess.Popen(
                [python, "manage.py", "run_huey", "--workers", "2", "--worker-type", "thread"]
                # One clock for the whole site: the other consumers only take jobs.
                + ([] if number == 1 else ["--no-periodic"]),
                env=environment,
            )
            for number in range(1, max(job_workers, 1) + 1)
        }
        processes = {
            "web": subprocess.Popen(
                [
                    python, "-m", "granian", "--interface", "wsgi", "masthead.wsgi:application",
                    "--host", host, "--port", str(port), "--workers", str(web_workers),
                    # One blocking thread per worker measured best here (docs/performance.md).
                    "--blocking-threads", "1", "--backpressure", "64",
                    # A worker that dies is replaced, not the end of the site.
                    "--respawn-failed-workers",
                    "--no-ws", "--log-level", "warning",
                ],
                env=environment,
            ),
            **consumers,
        }  # fmt: skip
        localstripe = self._localstripe(python)
        self._register_webhook(host, port)
        self._announce(host, port)
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            while not stopping:
                for name, process in processes.items():
                    if process.poll() is not None:
                        self.stderr.write(f"The {name} process stopped (exit {process.returncode}); shutting down.")
                        stopping = True
                time.sleep(0.5)
        finally:
            if localstripe is not None:
                processes["localstripe"] = localstripe
            for process in processes.values():
                if process.poll() is None:
                    process.terminate()
            for process in processes.values():
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()

    @staticmethod
    def _children_environment(host, port) -> dict[str, str]:
        """The web workers' and job consumers' environment. Mail is written
        where there is no request to take the site's address from (a
        newsletter sent by a job, a receipt): unless MASTHEAD_SITE_URL says
        otherwise, links in mail point at this server, not at a default port."""
        environment = dict(os.environ)
        if not settings.MASTHEAD_SITE_URL:
            environment["MASTHEAD_SITE_URL"] = _address(host, port)
        return environment

    def _localstripe(self, python):
        """In development, the fake Stripe server that payments talk to."""
        address = urllib.parse.urlsplit(settings.STRIPE_API_BASE)
        if settings.PRODUCTION or address.hostname not in {"127.0.0.1", "localhost"}:
            return None
        if self._answers(settings.STRIPE_API_BASE + "/js.stripe.com/v3/"):
            self.stdout.write(f"Using the localstripe already running at {settings.STRIPE_API_BASE}.")
            return None
        process = subprocess.Popen(
            [python, "-m", "localstripe", "--port", str(address.port or 8420)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # A busy machine can take several seconds to start it.
        for _ in range(300):
            if self._answers(settings.STRIPE_API_BASE + "/js.stripe.com/v3/"):
                return process
            time.sleep(0.1)
        self.stderr.write("localstripe did not start; payments will not work.")
        return process

    @staticmethod
    def _answers(url: str) -> bool:
        try:
            urllib.request.urlopen(url, timeout=1)
        except OSError:
            return False
        return True

    def _register_webhook(self, host, port):
        """Tell the development localstripe where to send events (real Stripe is set up in its dashboard)."""
        if settings.PRODUCTION or not settings.STRIPE_API_BASE:
            return
        data = urllib.parse.urlencode(
            {"url": f"{_address(host, port)}/payments/stripe/webhook/", "secret": settings.STRIPE_WEBHOOK_SECRET}
        ).encode()
        try:
            urllib.request.urlopen(settings.STRIPE_API_BASE + "/_config/webhooks/masthead", data=data, timeout=5)
        except OSError as error:
            self.stderr.write(f"Could not register the Stripe webhook with localstripe: {error}")

    def _announce(self, host, port):
        address = _address(host, port)
        lines = [
            "",
            f"{settings.MASTHEAD_SITE_NAME} is running at {address}/",
            f"Staff admin: {address}/admin/",
        ]
        logins = demo_logins_to_print()
        if logins:
            lines.append("Demo logins:")
            width = max(len(f"{login.email} / {login.password}") for login in logins) + 2
            lines += [f"  {login.email + ' / ' + login.password:<{width}} {login.does}" for login in logins]
            lines.append("Test card: 4242 4242 4242 4242 (any future date, any CVC); declined: 4000 0000 0000 0341")
        lines += ["Press Ctrl+C to stop.", ""]
        self.stdout.write("\n".join(lines))
