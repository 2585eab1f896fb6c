from pathlib import Path

from masthead.edge.vcl import visit_class_vcl

VISIT_CLASS_VCL = Path(__file__).resolve().parents[3] / "deploy" / "edge" / "visit_class.vcl"


def test_the_edges_visit_classes_are_the_sites_own_rules():
    """The edge writes the visit's class into the links of the pages it
    serves; its VCL is written from the funnel's referrer rules. Changed
    rules: `manage.py edge_vcl > deploy/edge/visit_class.vcl`."""
    assert VISIT_CLASS_VCL.read_text() == visit_class_vcl()
