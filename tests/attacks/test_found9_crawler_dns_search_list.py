"""The forward lookup that confirms a crawler's reverse DNS asks for the
host name with its final dot stripped: a relative name. The system resolver
(getaddrinfo) then applies the machine's search list from resolv.conf: an
absolute name that does not exist at Google is tried again as
``crawl-….googlebot.com.<search domain>`` (first of all where ndots is high,
as in every Kubernetes pod: ndots:5, search ``<ns>.svc.cluster.local …``).
Whoever can publish a name under a search domain (a namespace ``com`` with a
headless service ``googlebot`` in a shared cluster, a hosted zone named like
a corporate suffix) then confirms their own address as Googlebot's. Asking
for the absolute name (``host + "."``) keeps the search list out."""

import socket

import pytest

from masthead.access import crawlers
from masthead.access.crawlers import crawler_verified, engine_named

pytestmark = pytest.mark.django_db

ATTACKER = "10.12.0.34"
PTR = "crawl-10-12-0-34.googlebot.com"


class SearchListResolver:
    """getaddrinfo's behaviour with ``search svc.cluster.local`` and the
    default ndots:1: an absolute name (ending in a dot) is looked up as is;
    a relative one as is first, then with each search domain appended."""

    search = ("svc.cluster.local",)

    def __init__(self):
        self.names = {
            # The attacker's PTR names a host Google does not have...
            # ...and a name under the search domain that the attacker made.
            f"{PTR}.svc.cluster.local": [ATTACKER],
        }

    def reverse(self, address):
        if address == ATTACKER:
            return PTR
        raise socket.herror(1, "Unknown host")

    def forward(self, host):
        if host.endswith("."):
            candidates = [host.rstrip(".")]
        else:
            candidates = [host] + [f"{host}.{domain}" for domain in self.search]
        for name in candidates:
            if name in self.names:
                return list(self.names[name])
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


def test_a_name_under_the_resolvers_search_domain_does_not_confirm_a_googlebot_claim(monkeypatch):
    monkeypatch.setattr(crawlers, "resolver", SearchListResolver())
    crawlers.crawler_answers_forget()
    assert not crawler_verified(engine_named("googlebot"), ATTACKER)
