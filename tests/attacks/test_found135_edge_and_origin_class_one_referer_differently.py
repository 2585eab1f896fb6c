"""The edge's copy of the funnel's referrer rules (deploy/edge/visit_class.vcl,
written by masthead/edge/visit_class.py) reads some Referer headers
differently from the origin's own rules (masthead/metering/events.py,
referrer_class, which reads the host the way urllib does): the same reader,
with the same Referer, is "social" or "search" on the page the origin
answers and "other" on the page the edge answers.

Referers on which the two disagree:
- a userinfo with two "@" (http://a@b@facebook.com/): urllib takes the host
  after the last "@", the VCL's pattern allows no "@" in the userinfo and
  reads "b@facebook.com" as the host;
- a tab inside the host (urllib drops tabs, as browsers do; the VCL keeps it);
- a scheme-relative Referer (//www.google.com/search): urllib reads its host,
  the VCL wants a scheme before "://";
- more than one trailing dot (facebook.com..): the origin strips them all,
  the VCL only one.

What a reader sees: the meter note's subscribe link on the re-read the edge
serves carries via=other where the origin's for the same visit carried
via=social or via=search, so the funnel counts the click, checkout and
payment under another class depending on which tier answered; and the edge
keeps the paywall under another class's variant than the origin would show.

What should happen: the edge classes every Referer as the origin does (the
VCL is written from the same rules so that the two cannot drift).
"""

import re

import pytest
import requests

from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article

pytestmark = pytest.mark.django_db(transaction=True)

REFERERS = (
    "http://a@b@facebook.com/",
    "http://face\tbook.com/",
    "//www.google.com/search?q=story",
    "https://facebook.com../",
)


def _via(page: str) -> str:
    note = re.search(r'<p class="meter-notice"[^>]*>.*?</p>', page, re.S)
    assert note, "the page has its meter note"
    via = re.search(r"via=([a-z]+)", note.group(0))
    return via.group(1) if via else ""


def test_the_edge_classes_a_referer_as_the_origin_does(edge):
    set_meter(free_limit=9)
    disagreements = []
    for referer in REFERERS:
        story = make_article()
        reader = requests.Session()
        counted = reader.get(edge + story.get_absolute_url(), headers={"Referer": referer})
        assert "X-Edge" not in counted.headers, "the first view is the origin's (it counts the story)"
        again = reader.get(edge + story.get_absolute_url(), headers={"Referer": referer})
        assert again.headers.get("X-Edge", "").startswith("full"), "the re-read is the edge's"
        if _via(again.text) != _via(counted.text):
            disagreements.append(f"{referer!r}: origin via={_via(counted.text)!r}, edge via={_via(again.text)!r}")
    assert not disagreements, "; ".join(disagreements)
