"""The cookies the edge can check without asking the origin, and its keys.

Two cookies, both plain text signed with HMAC-SHA256 under a key named by
its id (so keys rotate: the edge knows the current and the previous key):

  mt_ent   e1.<kid>.<account>.<session>.<issued>.<expires>.<mac>
           "this account may read everything until <expires>" (minutes
           ahead). A refund or a device sign-out revokes it at once: the
           origin tells the edge "account A (or session S) revoked at T", and
           the edge refuses every token issued at or before T.
  mt_rcpt  r1.<kid>.<until>.<views>.<limit>.<wall>.<ids>.<mac>
           the reader's meter receipt as the origin's store answered it:
           the stories counted (<ids>, dash-joined) in the period ending at
           <until>, <views> of <limit> used, and <wall>: "-" while articles
           are left, else the paywall variant this reader is shown.

<mac> is base64url (no padding) of HMAC-SHA256(key, everything before the
last dot). Times are seconds since the epoch; the origin computes <until>
(the end of the meter period in the publication's zone), so the edge needs
no calendar.

    python deploy/edge/edge_tokens.py keys-vcl            # keys.vcl from MASTHEAD_EDGE_KEYS
    python deploy/edge/edge_tokens.py entitlement ACCOUNT SESSION [--ttl 300]
    python deploy/edge/edge_tokens.py receipt IDS VIEWS LIMIT [--wall -] [--until T]

MASTHEAD_EDGE_KEYS is "kid:secret,kid:secret", the first signing; a secret
is letters, digits, "-" and "_" only (it is written into VCL as a string).
"""

import argparse
import base64
import hashlib
import hmac
import os
import re
import sys
import time

_KID = re.compile(r"^[a-z0-9]{1,8}$")
_SECRET = re.compile(r"^[A-Za-z0-9_-]{32,128}$")
DEMO_KEYS = "k2:demo-edge-key-two-0123456789abcdef0123456789,k1:demo-edge-key-one-0123456789abcdef0123456789"


def edge_keys(spec: str | None = None) -> list[tuple[str, str]]:
    spec = spec or os.environ.get("MASTHEAD_EDGE_KEYS") or DEMO_KEYS
    keys = []
    for item in spec.split(","):
        kid, _, secret = item.partition(":")
        if not _KID.match(kid) or not _SECRET.match(secret):
            raise SystemExit(f"Not an edge key (kid:secret, secret of 32+ [A-Za-z0-9_-]): {kid!r}")
        keys.append((kid, secret))
    return keys


def _mac(secret: str, message: str) -> str:
    digest = hmac.new(secret.encode(), message.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def signed(message: str, keys=None) -> str:
    kid, secret = (keys or edge_keys())[0]
    assert message.startswith(("e1.", "r1.")) and message.split(".")[1] == "{kid}"
    message = message.replace("{kid}", kid, 1)
    return f"{message}.{_mac(secret, message)}"


def entitlement_token(account: int, session: str, *, ttl: int = 300, now: int | None = None, keys=None) -> str:
    issued = int(now if now is not None else time.time())
    return signed(f"e1.{{kid}}.{account}.{session}.{issued}.{issued + ttl}", keys)


def receipt_token(ids, views: int, limit: int, *, wall: str = "-", until: int, keys=None) -> str:
    joined = "-".join(str(i) for i in sorted(ids))
    return signed(f"r1.{{kid}}.{until}.{views}.{limit}.{wall}.{joined}", keys)


def keys_vcl(keys) -> str:
    """The VCL that checks a MAC: sets req.http.X-Edge-Valid to "1" when
    X-Edge-Mac is the MAC of X-Edge-Msg under the key X-Edge-Kid names. Both
    MACs are hashed before comparing (VCL has no constant-time compare), so
    the time the comparison takes tells at most a prefix of the expected
    MAC's hash, from which the MAC cannot be found."""
    lines = ["# Written by deploy/edge/edge_tokens.py keys-vcl; never commit real keys.", "sub edge_check_mac {",
             '    set req.http.X-Edge-Valid = "0";']
    for kid, secret in keys:
        lines += [
            f'    if (req.http.X-Edge-Kid == "{kid}") {{',
            f'        if (digest.hash_sha256(digest.base64url_nopad_hex('
            f'digest.hmac_sha256("{secret}", req.http.X-Edge-Msg))) ==',
            '            digest.hash_sha256(req.http.X-Edge-Mac)) {',
            '            set req.http.X-Edge-Valid = "1";',
            "        }",
            "    }",
        ]
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("keys-vcl")
    ent = sub.add_parser("entitlement")
    ent.add_argument("account", type=int)
    ent.add_argument("session")
    ent.add_argument("--ttl", type=int, default=300)
    ent.add_argument("--now", type=int)
    rcpt = sub.add_parser("receipt")
    rcpt.add_argument("ids", help="story ids, comma-separated")
    rcpt.add_argument("views", type=int)
    rcpt.add_argument("limit", type=int)
    rcpt.add_argument("--wall", default="-")
    rcpt.add_argument("--until", type=int, default=int(time.time()) + 24 * 3600)
    rcpt.add_argument("--keys", help="kid:secret,... (default MASTHEAD_EDGE_KEYS)")
    ent.add_argument("--keys", help="kid:secret,... (default MASTHEAD_EDGE_KEYS)")
    args = parser.parse_args(argv)
    if args.command == "keys-vcl":
        sys.stdout.write(keys_vcl(edge_keys()))
    elif args.command == "entitlement":
        print(entitlement_token(args.account, args.session, ttl=args.ttl, now=args.now, keys=edge_keys(args.keys)))
    else:
        ids = [int(i) for i in args.ids.split(",")]
        print(receipt_token(ids, args.views, args.limit, wall=args.wall, until=args.until, keys=edge_keys(args.keys)))


if __name__ == "__main__":
    main()
