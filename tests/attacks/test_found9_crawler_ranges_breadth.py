"""A refreshed address list is refused when one prefix is wider than /16
(IPv4) or /32 (IPv6), "a /0 would make every reader a crawler"
(docs/paywall.md, The address lists). But the list may hold 20,000 of them:
adjacent /16s are merged into /8s after the width check, and a list of
narrow-looking prefixes may still cover most of the public IPv4 space. A
list read over plain http (``--from http://…``, allowed) or altered on the
way makes every reader whose user-agent says Googlebot a verified crawler,
premium and archive stories in full. Googlebot's own list is a few hundred
/27s and /28s; no engine's list covers more than a few hundred thousand
addresses."""

import ipaddress
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from masthead.access.crawlers import crawler_verified
from masthead.access.engines import KNOWN_ENGINES

pytestmark = pytest.mark.django_db

# An ordinary reader's address, in no search engine's block.
READER = "45.33.20.7"


def _public_16s(count: int) -> list[dict]:
    found = []
    for first in range(1, 224):
        for second in range(256):
            network = ipaddress.ip_network(f"{first}.{second}.0.0/16")
            if network.is_global:
                found.append({"ipv4Prefix": str(network)})
                if len(found) == count:
                    return found
    return found


def test_a_list_covering_a_third_of_the_internet_is_refused(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    source = tmp_path / "googlebot.json"
    source.write_text(json.dumps({"creationTime": "2026-12-06T10:00:00.000000", "prefixes": _public_16s(20_000)}))
    with pytest.raises(CommandError):
        call_command("crawler_ranges_refresh", "--engine", "googlebot", "--from", str(source), stdout=StringIO(), stderr=StringIO())
    assert not crawler_verified(KNOWN_ENGINES["googlebot"], READER)
