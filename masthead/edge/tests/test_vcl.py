from pathlib import Path

import pytest

from masthead.edge.tokens import EdgeKeyError, edge_keys
from masthead.edge.vcl import keys_vcl
from masthead.edge.visit_class import visit_class_vcl

VISIT_CLASS_VCL = Path(__file__).resolve().parents[3] / "deploy" / "edge" / "visit_class.vcl"


def test_the_edges_visit_classes_are_the_sites_own_rules():
    """The edge writes the visit's class into the links of the pages it
    serves; its VCL is written from the funnel's referrer rules. Changed
    rules: `manage.py edge_vcl > deploy/edge/visit_class.vcl`."""
    assert VISIT_CLASS_VCL.read_text() == visit_class_vcl()


KEYS = edge_keys("k2:second-key-0123456789abcdef0123456789ab,k1:first-key-0123456789abcdef0123456789abcd")


def test_the_keys_vcl_holds_every_key_and_signs_fills_with_the_first():
    vcl = keys_vcl(KEYS)
    assert vcl.count("digest.hmac_sha256") == 3
    assert '"f1.k2."' in vcl and "second-key" in vcl and "first-key" in vcl
    with pytest.raises(EdgeKeyError):
        keys_vcl(())
