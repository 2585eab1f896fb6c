"""The edge's keys as VCL, and cookies signed by hand to try the edge with.

The format and the signing are masthead/edge/tokens.py's; this only calls it.

    python deploy/edge/edge_tokens.py keys-vcl            # keys.vcl from MASTHEAD_EDGE_KEYS
    python deploy/edge/edge_tokens.py entitlement ACCOUNT SESSION [--ttl 300]
    python deploy/edge/edge_tokens.py receipt IDS VIEWS LIMIT [--wall -] [--until T] [--tie ACCOUNT]

MASTHEAD_EDGE_KEYS is "kid:secret,kid:secret", the first signing (docs/deploy.md).
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from masthead.edge.tokens import edge_keys, receipt_token, signed_token  # noqa: E402
from masthead.edge.vcl import keys_vcl  # noqa: E402

DEMO_KEYS = "k2:demo-edge-key-two-0123456789abcdef0123456789,k1:demo-edge-key-one-0123456789abcdef0123456789"


def _keys(spec: str | None):
    return edge_keys(spec or os.environ.get("MASTHEAD_EDGE_KEYS") or DEMO_KEYS)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("keys-vcl")
    ent = sub.add_parser("entitlement")
    ent.add_argument("account", type=int)
    ent.add_argument("session")
    ent.add_argument("--ttl", type=int, default=300)
    ent.add_argument("--now", type=int)
    ent.add_argument("--keys", help="kid:secret,... (default MASTHEAD_EDGE_KEYS)")
    rcpt = sub.add_parser("receipt")
    rcpt.add_argument("ids", help="story ids, comma-separated")
    rcpt.add_argument("views", type=int)
    rcpt.add_argument("limit", type=int)
    rcpt.add_argument("--wall", default="-")
    rcpt.add_argument("--until", type=int, default=int(time.time()) + 24 * 3600)
    rcpt.add_argument("--tie", type=int, help="the account the browser reads by (default: none)")
    rcpt.add_argument("--keys", help="kid:secret,... (default MASTHEAD_EDGE_KEYS)")
    args = parser.parse_args(argv)
    if args.command == "keys-vcl":
        sys.stdout.write(keys_vcl(_keys(None)))
    elif args.command == "entitlement":
        issued = args.now if args.now is not None else int(time.time())
        # --ttl past the edge's limit is allowed here: it is how the check that refuses one is tried.
        print(signed_token("e1", [str(args.account), args.session, str(issued), str(issued + args.ttl)], _keys(args.keys)))
    else:
        ids = [int(i) for i in args.ids.split(",")]
        print(receipt_token(ids=ids, views=args.views, limit=args.limit, wall=args.wall, issued_ms=int(time.time() * 1000),
                            until=args.until, tie=args.tie, keys=_keys(args.keys)))


if __name__ == "__main__":
    main()
