"""The edge's cookies and fill signatures: what is accepted, and every way a
changed, old, long-lived or foreign one is refused."""

import pytest

from masthead.edge.tokens import (
    ENTITLEMENT_LONGEST,
    FILL_SKEW,
    EdgeKeyError,
    edge_keys,
    entitlement_read,
    entitlement_token,
    fill_mac,
    fill_verified,
    keys_vcl,
    receipt_read,
    receipt_token,
    session_tag,
    signed_token,
)

KEYS = edge_keys("k2:second-key-0123456789abcdef0123456789ab,k1:first-key-0123456789abcdef0123456789abcd")
OLD_ONLY = edge_keys("k1:first-key-0123456789abcdef0123456789abcd")
NOW = 1_796_650_000


def test_keys_are_read_from_kid_secret_pairs_and_bad_ones_refused():
    assert [key.kid for key in KEYS] == ["k2", "k1"]
    assert edge_keys("") == ()
    for bad in ("k1:short", "K1:" + "a" * 40, "k1:" + "a" * 31, "toolongkid:" + "a" * 40, "k1:" + 'a"' * 20,
                "k1:" + "a" * 40 + ",k1:" + "b" * 40, "k1" + "a" * 40):  # fmt: skip
        with pytest.raises(EdgeKeyError):
            edge_keys(bad)


def test_an_entitlement_reads_back_until_it_expires():
    token = entitlement_token(account=42, session="abcdefgh", issued=NOW, seconds=300, keys=KEYS)
    assert token.startswith("e1.k2.42.abcdefgh.")
    found = entitlement_read(token, now=NOW, keys=KEYS)
    assert (found.account, found.session, found.issued, found.expires) == (42, "abcdefgh", NOW, NOW + 300)
    assert entitlement_read(token, now=NOW + 299, keys=KEYS) is not None
    assert entitlement_read(token, now=NOW + 300, keys=KEYS) is None
    assert entitlement_read(token, now=NOW - 1, keys=KEYS) is None  # issued in the future


def test_an_entitlement_is_refused_changed_foreign_or_too_long():
    token = entitlement_token(account=42, session="abcdefgh", issued=NOW, seconds=300, keys=KEYS)
    assert entitlement_read(token.replace(".42.", ".43."), now=NOW, keys=KEYS) is None
    assert entitlement_read(token[:-1] + ("A" if token[-1] != "A" else "B"), now=NOW, keys=KEYS) is None
    assert entitlement_read(token, now=NOW, keys=edge_keys("k2:" + "z" * 40)) is None
    assert entitlement_read(token + ".x", now=NOW, keys=KEYS) is None
    assert entitlement_read("r1" + token[2:], now=NOW, keys=KEYS) is None
    # Signed under the previous key: still good while it is listed.
    old = entitlement_token(account=42, session="abcdefgh", issued=NOW, seconds=300, keys=OLD_ONLY)
    assert entitlement_read(old, now=NOW, keys=KEYS) is not None
    assert entitlement_read(old, now=NOW, keys=KEYS[:1]) is None
    long = signed_token("e1", ["42", "abcdefgh", str(NOW), str(NOW + ENTITLEMENT_LONGEST + 1)], KEYS)
    assert entitlement_read(long, now=NOW, keys=KEYS) is None
    with pytest.raises(ValueError):
        entitlement_token(account=42, session="abcdefgh", issued=NOW, seconds=ENTITLEMENT_LONGEST + 1, keys=KEYS)
    with pytest.raises(ValueError):
        entitlement_token(account=42, session="a.b", issued=NOW, seconds=300, keys=KEYS)


def test_a_session_goes_to_the_edge_by_a_tag_that_is_not_its_key():
    tag = session_tag("s3cr3tsessionkey")
    assert "s3cr3tsessionkey" not in tag and len(tag) == 22 and tag == session_tag("s3cr3tsessionkey")
    assert tag != session_tag("s3cr3tsessionkez")


def test_a_receipt_reads_back_its_stories_count_and_wall():
    token = receipt_token(ids=[12, 3, 12], views=2, limit=5, wall="-", until=NOW + 60, keys=KEYS)
    assert token.startswith(f"r1.k2.{NOW + 60}.2.5.-.3-12.")
    found = receipt_read(token, now=NOW, keys=KEYS)
    assert (found.ids, found.views, found.limit, found.wall) == (frozenset({3, 12}), 2, 5, "-")
    assert receipt_read(token, now=NOW + 60, keys=KEYS) is None
    assert receipt_read(token.replace(".3-12.", ".3-12-13."), now=NOW, keys=KEYS) is None
    walled = receipt_token(ids=[1], views=5, limit=5, wall="p5", until=NOW + 60, keys=KEYS)
    assert receipt_read(walled, now=NOW, keys=KEYS).wall == "p5"


def test_a_receipt_the_edge_would_refuse_is_never_made():
    for ids, wall in (([], "-"), ([0], "-"), (list(range(1, 32)), "-"), ([1], "x5"), ([1], "p1000")):
        with pytest.raises(ValueError):
            receipt_token(ids=ids, views=1, limit=5, wall=wall, until=NOW, keys=KEYS)
    with pytest.raises(ValueError):
        receipt_token(ids=[1], views=10_000, limit=5, wall="-", until=NOW, keys=KEYS)


def test_a_fill_is_the_edges_only_for_its_variant_and_path_and_only_for_a_moment():
    mac = fill_mac(variant="subscriber", path="/articles/a/", at=NOW, keys=KEYS)
    assert fill_verified(variant="subscriber", path="/articles/a/", mac=mac, now=NOW, keys=KEYS)
    assert fill_verified(variant="subscriber", path="/articles/a/", mac=mac, now=NOW + FILL_SKEW, keys=KEYS)
    assert not fill_verified(variant="subscriber", path="/articles/a/", mac=mac, now=NOW + FILL_SKEW + 1, keys=KEYS)
    assert not fill_verified(variant="subscriber", path="/articles/a/", mac=mac, now=NOW - FILL_SKEW - 1, keys=KEYS)
    assert not fill_verified(variant="full", path="/articles/a/", mac=mac, now=NOW, keys=KEYS)
    assert not fill_verified(variant="subscriber", path="/articles/b/", mac=mac, now=NOW, keys=KEYS)
    assert not fill_verified(variant="subscriber", path="/articles/a/", mac=mac, now=NOW, keys=edge_keys("k2:" + "q" * 40))
    assert not fill_verified(variant="subscriber", path="/articles/a/", mac=mac + "A", now=NOW, keys=KEYS)
    assert not fill_verified(variant="bogus", path="/articles/a/", mac=fill_mac(variant="bogus", path="/articles/a/", at=NOW, keys=KEYS),
                             now=NOW, keys=KEYS)  # fmt: skip
    assert not fill_verified(variant="subscriber", path="/articles/a/", mac="", now=NOW, keys=KEYS)


def test_the_keys_vcl_holds_every_key_and_signs_fills_with_the_first():
    vcl = keys_vcl(KEYS)
    assert vcl.count("digest.hmac_sha256") == 3
    assert '"f1.k2."' in vcl and "second-key" in vcl and "first-key" in vcl
    with pytest.raises(EdgeKeyError):
        keys_vcl(())
