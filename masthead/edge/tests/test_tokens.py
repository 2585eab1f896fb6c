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
    token = receipt_token(ids=[12, 3, 12], views=2, limit=5, wall="-", issued_ms=(NOW - 5) * 1000, until=NOW + 60, keys=KEYS)
    assert token.startswith(f"r2.k2.{(NOW - 5) * 1000}.{NOW + 60}.2.5.-.-.3-12.")
    found = receipt_read(token, now=NOW, keys=KEYS)
    assert (found.ids, found.views, found.limit, found.wall, found.issued_ms) == (frozenset({3, 12}), 2, 5, "-", (NOW - 5) * 1000)
    assert found.tie is None
    assert receipt_read(token, now=NOW - 6, keys=KEYS) is None  # issued in the future
    assert receipt_read(token, now=NOW + 60, keys=KEYS) is None
    assert receipt_read(token.replace(".3-12.", ".3-12-13."), now=NOW, keys=KEYS) is None
    walled = receipt_token(ids=[1], views=5, limit=5, wall="p5", issued_ms=NOW * 1000, until=NOW + 60, keys=KEYS)
    assert receipt_read(walled, now=NOW, keys=KEYS).wall == "p5"
    tied = receipt_token(ids=[1], views=1, limit=1, wall="p1", issued_ms=NOW * 1000, until=NOW + 60, tie=77, keys=KEYS)
    assert tied.startswith(f"r2.k2.{NOW * 1000}.{NOW + 60}.1.1.p1.77.1.")
    assert receipt_read(tied, now=NOW, keys=KEYS).tie == 77
    for account in (1, 10**12 - 1):
        token = receipt_token(ids=[1], views=1, limit=1, wall="-", issued_ms=NOW * 1000, until=NOW + 60, tie=account, keys=KEYS)
        assert receipt_read(token, now=NOW, keys=KEYS).tie == account
    # Issued half a second into this second: good now, not only from the next.
    midway = receipt_token(ids=[1], views=1, limit=5, wall="-", issued_ms=NOW * 1000 + 500, until=NOW + 60, keys=KEYS)
    assert receipt_read(midway, now=NOW, keys=KEYS) is not None


def test_a_receipt_the_edge_would_refuse_is_never_made():
    for ids, wall in (([], "-"), ([0], "-"), (list(range(1, 32)), "-"), ([1], "x5"), ([1], "p1000")):
        with pytest.raises(ValueError, match=r"^Not a receipt the edge would accept\.$"):
            receipt_token(ids=ids, views=1, limit=5, wall=wall, issued_ms=NOW * 1000, until=NOW, keys=KEYS)
    with pytest.raises(ValueError):
        receipt_token(ids=[1], views=10_000, limit=5, wall="-", issued_ms=NOW * 1000, until=NOW, keys=KEYS)


def test_a_fill_is_the_edges_only_for_its_variant_and_path_and_only_for_a_moment():
    mac = fill_mac(variant="subscriber", path="/articles/a/", at=NOW, keys=KEYS)
    assert fill_verified(variant="subscriber", path="/articles/a/", mac=mac, now=NOW, keys=KEYS)
    assert fill_verified(variant="subscriber", path="/articles/a/", mac=mac, now=NOW + FILL_SKEW, keys=KEYS)
    assert not fill_verified(variant="subscriber", path="/articles/a/", mac=mac, now=NOW + FILL_SKEW + 1, keys=KEYS)
    assert not fill_verified(variant="subscriber", path="/articles/a/", mac=mac, now=NOW - FILL_SKEW - 1, keys=KEYS)
    assert not fill_verified(variant="full:1-5", path="/articles/a/", mac=mac, now=NOW, keys=KEYS)
    assert not fill_verified(variant="subscriber", path="/articles/b/", mac=mac, now=NOW, keys=KEYS)
    assert not fill_verified(variant="subscriber", path="/articles/a/", mac=mac, now=NOW, keys=edge_keys("k2:" + "q" * 40))
    assert not fill_verified(variant="subscriber", path="/articles/a/", mac=mac + "A", now=NOW, keys=KEYS)
    assert not fill_verified(variant="bogus", path="/articles/a/", mac=fill_mac(variant="bogus", path="/articles/a/", at=NOW, keys=KEYS),
                             now=NOW, keys=KEYS)  # fmt: skip
    assert not fill_verified(variant="subscriber", path="/articles/a/", mac="", now=NOW, keys=KEYS)


def test_keys_are_read_in_order_with_spaces_around_them():
    keys = edge_keys(" k2:second-key-0123456789abcdef0123456789ab , k1:first-key-0123456789abcdef0123456789abcd ")
    assert keys == KEYS and keys[0].kid == "k2" and keys[0].secret == "second-key-0123456789abcdef0123456789ab"
    with pytest.raises(EdgeKeyError, match=r"^Two edge keys share a key id\.$"):
        edge_keys("k1:" + "a" * 40 + ",k1:" + "b" * 40)
    with pytest.raises(EdgeKeyError, match=r"^Not an edge key: 'k1' \(want kid:secret, .* a secret of 32-128 letters"):
        edge_keys("k1:short")


def test_the_mac_is_hmac_sha256_in_unpadded_base64url_as_the_edge_checks_it():
    """A known answer, computed apart (openssl dgst -sha256 -hmac), in the
    43 characters the VCL's pattern wants."""
    key = edge_keys("k1:" + "k" * 32)
    token = signed_token("e1", ["1", "abcdefgh", "1796650000", "1796650300"], key)
    assert token == "e1.k1.1.abcdefgh.1796650000.1796650300.i-k8evQglopBh4zxLqYKTPXDuMMNFkQIEvKi_YyNo24"
    tag = session_tag("a-session-key")
    assert len(tag) == 22 and "=" not in tag


def test_entitlements_are_refused_at_the_bounds_of_their_life():
    with pytest.raises(ValueError, match=r"^Not an entitlement the edge would accept\.$"):
        entitlement_token(account=1, session="abcdefgh", issued=NOW, seconds=0, keys=KEYS)
    assert entitlement_read(entitlement_token(account=1, session="abcdefgh", issued=NOW, seconds=1, keys=KEYS),
                            now=NOW, keys=KEYS)  # fmt: skip
    longest = entitlement_token(account=1, session="abcdefgh", issued=NOW, seconds=ENTITLEMENT_LONGEST, keys=KEYS)
    assert entitlement_read(longest, now=NOW, keys=KEYS) is not None
    for fields in (["x1", "abcdefgh", str(NOW), str(NOW + 60)], ["1", "abcdefgh", "x", str(NOW + 60)],
                   ["1", "abcdefgh", str(NOW), "x"], ["1", "a.b", str(NOW), str(NOW + 60)], ["1", "short", str(NOW), str(NOW + 60)]):  # fmt: skip
        assert entitlement_read(signed_token("e1", fields, KEYS), now=NOW, keys=KEYS) is None, fields
    # Right fields under the wrong prefix, or one field short, are no entitlement.
    assert entitlement_read(signed_token("r1", ["1", "abcdefgh", str(NOW), str(NOW + 60)], KEYS), now=NOW, keys=KEYS) is None
    assert entitlement_read(signed_token("e1", ["1", "abcdefgh", str(NOW)], KEYS), now=NOW, keys=KEYS) is None


def test_receipts_are_refused_past_their_bounds_and_with_bad_fields():
    def make(**overrides):
        fields = {"ids": [1], "views": 1, "limit": 5, "wall": "-", "issued_ms": NOW * 1000, "until": NOW + 60} | overrides
        return receipt_token(keys=KEYS, **fields)

    assert receipt_read(make(ids=range(1, 31)), now=NOW, keys=KEYS).ids == frozenset(range(1, 31))
    assert receipt_read(make(views=0, limit=0), now=NOW, keys=KEYS).views == 0
    assert receipt_read(make(views=9999, limit=9999), now=NOW, keys=KEYS).limit == 9999
    found = receipt_read(make(until=NOW + 61), now=NOW, keys=KEYS)
    assert found.until == NOW + 61
    for bad in ({"views": -1}, {"limit": -1}, {"limit": 10_000}, {"ids": [-3]}, {"tie": 0}, {"tie": 10**12}):
        with pytest.raises(ValueError, match=r"^Not a receipt the edge would accept\.$"):
            make(**bad)
    good = [str(NOW * 1000), str(NOW + 60), "1", "5", "-", "-", "1"]
    assert receipt_read(signed_token("r2", good, KEYS), now=NOW, keys=KEYS) is not None
    for at, bad in ((0, "x"), (1, "x"), (2, "x"), (3, "x"), (4, "q"), (5, "x"), (5, "-1"), (6, "1-x")):
        fields = good[:at] + [bad] + good[at + 1:]
        assert receipt_read(signed_token("r2", fields, KEYS), now=NOW, keys=KEYS) is None, fields
    assert receipt_read(signed_token("r2", good[1:], KEYS), now=NOW, keys=KEYS) is None
    # The format before the tie is not read as one.
    assert receipt_read(signed_token("r1", good[:5] + good[6:], KEYS), now=NOW, keys=KEYS) is None


def test_a_fill_is_signed_with_the_first_key_and_refused_in_any_other_shape():
    mac = fill_mac(variant="full:1-5", path="/articles/a/", at=NOW, keys=KEYS)
    assert mac.startswith(f"f1.k2.{NOW}.")
    for bad in (mac.replace("f1.", "f2.", 1), mac + ".x", mac.replace(f".{NOW}.", ".x.", 1)):
        assert not fill_verified(variant="full:1-5", path="/articles/a/", mac=bad, now=NOW, keys=KEYS), bad
    for shape in ("full", "full:1", "full:1-5:elsewhere", "full:12345-5", "wall:p5:x"):
        assert not fill_verified(variant=shape, path="/a/", mac=fill_mac(variant=shape, path="/a/", at=NOW, keys=KEYS),
                                 now=NOW, keys=KEYS), shape  # fmt: skip
    assert fill_verified(variant="wall:p5:search", path="/a/", mac=fill_mac(variant="wall:p5:search", path="/a/", at=NOW,
                         keys=KEYS), now=NOW, keys=KEYS)  # fmt: skip
