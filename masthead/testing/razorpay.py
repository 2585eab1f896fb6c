"""Razorpay's servers cannot be reached from here, so the adapter's HTTP
exchanges are tested against recorded responses: JSON bodies in the shape
Razorpay's API documents, served by a requests transport adapter. Every
request the SDK makes is kept, so tests can check exactly what was sent.
"""

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import requests
from requests.adapters import BaseAdapter

from masthead.payments.providers.razorpay import RazorpayProvider

RECORDED = Path(__file__).parent / "recorded"


class RecordedRazorpay(BaseAdapter):
    def __init__(self, responses: dict[tuple[str, str], list[tuple[int, str | dict]]]):
        """``responses`` maps (METHOD, path) to a queue of (status, recorded file
        name), or (status, body) for a recorded body changed for one test; a
        (METHOD, "path?query") entry answers that query alone, as a list
        filtered by receipt answers only that receipt."""
        super().__init__()
        self.responses = {key: list(queue) for key, queue in responses.items()}
        self.sent: list[tuple[str, str, dict]] = []

    def send(self, request, **kwargs):
        url = urlsplit(request.url)
        path = url.path
        body = request.body.decode() if isinstance(request.body, bytes) else (request.body or "")
        try:
            sent = json.loads(body) if body else {}
        except json.JSONDecodeError:
            sent = {key: values[0] for key, values in parse_qs(body).items()}
        if not body and url.query:
            sent = {key: values[0] for key, values in parse_qs(url.query).items()}
        self.sent.append((request.method, path, sent))
        with_query = (request.method, f"{path}?{url.query}")
        queue = self.responses.get(with_query if url.query and with_query in self.responses else (request.method, path))
        if not queue:
            raise AssertionError(f"no recorded response for {request.method} {path}")
        status, name = queue.pop(0)
        response = requests.Response()
        response.status_code = status
        response._content = json.dumps(name).encode() if isinstance(name, dict) else (RECORDED / name).read_bytes()
        response.headers["Content-Type"] = "application/json"
        response.url = request.url
        response.request = request
        return response

    def close(self):
        pass

    def session(self) -> requests.Session:
        session = requests.Session()
        session.mount("https://", self)
        return session


def recorded_body(name: str, **changes) -> dict:
    """A recorded response body with some fields changed."""
    return {**json.loads((RECORDED / name).read_text()), **changes}


def recorded_provider(responses: dict) -> tuple[type, "RecordedRazorpay"]:
    """A Razorpay adapter class whose every instance talks to these recorded
    responses, for registering in place of the real one (webhooks build their
    provider from the registry)."""
    recorded = RecordedRazorpay(responses)

    class RecordedRazorpayProvider(RazorpayProvider):
        def __init__(self):
            super().__init__(session=recorded.session())

    return RecordedRazorpayProvider, recorded
