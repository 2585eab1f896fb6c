"""A DNS of the test's own for crawler verification (access/crawlers.py):
tests never ask real DNS whose address a crawler has."""

import socket
import time


class FakeResolver:
    """Answers from two dicts: address → host name (PTR), host name → addresses.
    Anything not in them is "no such name". ``delay`` makes every answer
    slow; ``error`` makes every reverse lookup fail with it. Records each
    question in ``asked``."""

    def __init__(self, *, reverse=None, forward=None, delay: float = 0, error: Exception | None = None):
        self.ptr = dict(reverse or {})
        self.addresses = dict(forward or {})
        self.delay = delay
        self.error = error
        self.asked: list[tuple[str, str]] = []

    def reverse(self, address: str) -> str:
        self.asked.append(("reverse", address))
        if self.delay:
            time.sleep(self.delay)
        if self.error is not None:
            raise self.error
        if address not in self.ptr:
            raise socket.herror(1, "Unknown host")
        return self.ptr[address]

    def forward(self, host: str) -> list[str]:
        self.asked.append(("forward", host))
        # Verification asks for the absolute name ("….googlebot.com.").
        host = host.removesuffix(".")
        if host not in self.addresses:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return list(self.addresses[host])


GOOGLEBOT_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
GOOGLEBOT_SMARTPHONE_UA = (
    "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.6778.139 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
)
BINGBOT_UA = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"
# In the shipped googlebot.json (66.249.66.0/27) and bingbot.json (157.55.39.0/24).
GOOGLEBOT_ADDRESS = "66.249.66.1"
BINGBOT_ADDRESS = "157.55.39.10"
