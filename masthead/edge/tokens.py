"""The edge's cookies and the origin's fill requests: their format, signing
and checking. Pure: no Django, no clock of its own (the caller brings
``now``), so deploy/edge/edge_tokens.py and the VCL's tests share it.

Everything is plain text signed with HMAC-SHA256 under a key named by its id,
so keys rotate: the first key signs, every listed key is accepted.

  mt_ent   e1.<kid>.<account>.<session>.<issued>.<expires>.<mac>
           "this account may read everything until <expires>" (minutes
           ahead), given to the session <session> names. A refund or a
           sign-out revokes it at once: the origin tells the edge "account A
           revoked at T", and the edge refuses every token of A issued at or
           before T.
  mt_rcpt  r2.<kid>.<issued_ms>.<until>.<views>.<limit>.<wall>.<tie>.<ids>.<mac>
           the reader's meter receipt as the origin's store answered it: the
           stories counted (<ids>, dash-joined) in the period, <views> of
           <limit> used, good until <until> (at most the period's end) unless
           every receipt issued up to some moment is revoked (the meter's
           rules or an experiment changed: by the millisecond, so a receipt
           given just after is good),
           <wall>: "-" while the origin decides new stories, else the
           paywall variant the edge may show for them ("p5": the plain
           paywall of a five-a-month meter), and
           <tie>: the account the decision also depended on ("-": none),
           a signed-out browser reading by the arm of the account that signed
           in there: the account's revocations end the receipt too.
  fill     X-Edge-Fill: <variant>, X-Edge-Fill-Mac: f1.<kid>.<at>.<mac> over
           "f1.<kid>.<at>.<variant>.<path>": the edge asking the origin for
           a variant that is the same for every reader. Only the edge holds
           a key, so nobody else can ask for a page without a decision.

<mac> is base64url (no padding) of HMAC-SHA256(secret, everything before it).
Times are whole seconds since the epoch, but a receipt's issue in milliseconds.
"""

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass

_KID = re.compile(r"^[a-z0-9]{1,8}$")
# A secret is written into VCL as a string: nothing that could end one.
_SECRET = re.compile(r"^[A-Za-z0-9_-]{32,128}$")
_SESSION = re.compile(r"^[A-Za-z0-9_-]{8,40}$")
_WALL = re.compile(r"^(-|p[0-9]{1,3})$")
_VARIANT = re.compile(
    r"^(subscriber|(full:[0-9]{1,4}-[0-9]{1,4}|wall:p[0-9]{1,3})(:(search|social|newsletter|app|other))?)$"
)
# The edge's own checks refuse longer-lived entitlements, whatever they say.
ENTITLEMENT_LONGEST = 900
# A fill request older or newer than this is refused (clocks drift a little).
FILL_SKEW = 30
RECEIPT_MAX_IDS = 30


class EdgeKeyError(ValueError):
    pass


@dataclass(frozen=True)
class EdgeKey:
    kid: str
    secret: str


def edge_keys(spec: str) -> tuple[EdgeKey, ...]:
    """Keys from "kid:secret,kid:secret" (the first signs); () for ""."""
    keys = []
    for item in filter(None, (part.strip() for part in spec.split(","))):
        kid, _, secret = item.partition(":")
        if not _KID.match(kid) or not _SECRET.match(secret):
            raise EdgeKeyError(
                f"Not an edge key: {kid!r} (want kid:secret, a kid of 1-8 lower-case letters or digits, "
                "a secret of 32-128 letters, digits, '-' or '_')"
            )
        keys.append(EdgeKey(kid, secret))
    if len({key.kid for key in keys}) != len(keys):
        raise EdgeKeyError("Two edge keys share a key id.")
    return tuple(keys)


def _mac(secret: str, message: str) -> str:
    digest = hmac.new(secret.encode(), message.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def signed_token(prefix: str, fields: list[str], keys: tuple[EdgeKey, ...]) -> str:
    """"<prefix>.<kid>.<fields...>.<mac>" under the first key, unchecked (the makers below check)."""
    key = keys[0]
    message = ".".join([prefix, key.kid, *fields])
    return f"{message}.{_mac(key.secret, message)}"


def _verified_fields(token: str, prefix: str, count: int, keys: tuple[EdgeKey, ...]) -> list[str] | None:
    """The fields of a token signed under one of ``keys``, or None."""
    parts = token.split(".")
    if len(parts) != count + 3 or parts[0] != prefix:
        return None
    by_kid = {key.kid: key for key in keys}
    key = by_kid.get(parts[1])
    if key is None or not hmac.compare_digest(_mac(key.secret, ".".join(parts[:-1])), parts[-1]):
        return None
    return parts[2:-1]


def session_tag(session_key: str) -> str:
    """The name a session goes by at the edge: not the session key itself,
    which would then travel in a second cookie."""
    return base64.urlsafe_b64encode(hashlib.sha256(session_key.encode()).digest()[:16]).rstrip(b"=").decode()


def entitlement_token(*, account: int, session: str, issued: int, seconds: int, keys: tuple[EdgeKey, ...]) -> str:
    if not _SESSION.match(session) or not 0 < seconds <= ENTITLEMENT_LONGEST:
        raise ValueError("Not an entitlement the edge would accept.")
    return signed_token("e1", [str(int(account)), session, str(int(issued)), str(int(issued) + seconds)], keys)


@dataclass(frozen=True)
class Entitlement:
    account: int
    session: str
    issued: int
    expires: int


def entitlement_read(token: str, *, now: int, keys: tuple[EdgeKey, ...]) -> Entitlement | None:
    """The entitlement in a token, if signed, current and not too long-lived
    (revocations are the edge's to check)."""
    fields = _verified_fields(token, "e1", 4, keys)
    if fields is None:
        return None
    account, session, issued, expires = fields
    if not (account.isdigit() and issued.isdigit() and expires.isdigit() and _SESSION.match(session)):
        return None
    found = Entitlement(int(account), session, int(issued), int(expires))
    if not found.issued <= now < found.expires or found.expires - found.issued > ENTITLEMENT_LONGEST:
        return None
    return found


def receipt_token(
    *, ids, views: int, limit: int, wall: str, issued_ms: int, until: int, keys: tuple[EdgeKey, ...],
    tie: int | None = None,
) -> str:
    ids = sorted({int(i) for i in ids})
    if not ids or len(ids) > RECEIPT_MAX_IDS or ids[0] <= 0 or not _WALL.match(wall):
        raise ValueError("Not a receipt the edge would accept.")
    if not (0 <= views <= 9999 and 0 <= limit <= 9999) or not (tie is None or 0 < tie < 10**12):
        raise ValueError("Not a receipt the edge would accept.")
    fields = [
        str(int(issued_ms)), str(int(until)), str(int(views)), str(int(limit)), wall,
        "-" if tie is None else str(int(tie)), "-".join(map(str, ids)),
    ]  # fmt: skip
    return signed_token("r2", fields, keys)


@dataclass(frozen=True)
class EdgeReceipt:
    issued_ms: int
    until: int
    views: int
    limit: int
    wall: str
    ids: frozenset[int]
    tie: int | None = None


def receipt_read(token: str, *, now: int, keys: tuple[EdgeKey, ...]) -> EdgeReceipt | None:
    """The receipt in a token, if signed and still good (revocations are the edge's to check)."""
    fields = _verified_fields(token, "r2", 7, keys)
    if fields is None:
        return None
    issued_ms, until, views, limit, wall, tie, ids = fields
    if not (issued_ms.isdigit() and until.isdigit() and views.isdigit() and limit.isdigit() and _WALL.match(wall)):
        return None
    if not (tie == "-" or tie.isdigit()) or not all(part.isdigit() for part in ids.split("-")):
        return None
    if not int(issued_ms) // 1000 <= now < int(until):
        return None
    return EdgeReceipt(
        int(issued_ms), int(until), int(views), int(limit), wall, frozenset(int(part) for part in ids.split("-")),
        None if tie == "-" else int(tie),
    )  # fmt: skip


def fill_mac(*, variant: str, path: str, at: int, keys: tuple[EdgeKey, ...]) -> str:
    key = keys[0]
    message = f"f1.{key.kid}.{int(at)}.{variant}.{path}"
    return f"f1.{key.kid}.{int(at)}.{_mac(key.secret, message)}"


def fill_verified(*, variant: str, path: str, mac: str, now: int, keys: tuple[EdgeKey, ...]) -> bool:
    """Whether a fill request for ``variant`` of ``path`` came from the edge:
    signed under one of ``keys`` within FILL_SKEW seconds of ``now``."""
    parts = mac.split(".")
    if len(parts) != 4 or parts[0] != "f1" or not parts[2].isdigit() or not _VARIANT.match(variant):
        return False
    by_kid = {key.kid: key for key in keys}
    key = by_kid.get(parts[1])
    if key is None or abs(now - int(parts[2])) > FILL_SKEW:
        return False
    expected = _mac(key.secret, f"f1.{key.kid}.{parts[2]}.{variant}.{path}")
    return hmac.compare_digest(expected, parts[3])
