"""The VCL holding the edge's keys, written at start by run-edge (through
deploy/edge/edge_tokens.py, which runs without Django) and never committed."""

from .tokens import EdgeKey, EdgeKeyError


def keys_vcl(keys: tuple[EdgeKey, ...]) -> str:
    """The VCL holding the keys (written at start, never committed):

    edge_check_mac sets the task variable "valid" to "1" when "mac" is the
    MAC of "msg" under the key "kid" names (vmod_var: the VCL's own state). Both MACs are hashed
    before comparing (VCL has no constant-time compare), so the time a
    comparison takes tells at most a prefix of the expected MAC's hash, from
    which the MAC cannot be found.

    edge_sign_fill sets bereq.http.X-Edge-Fill-Mac for bereq.http.X-Edge-Fill
    of bereq.url under the first key."""
    if not keys:
        raise EdgeKeyError("The edge needs at least one key (MASTHEAD_EDGE_KEYS).")
    lines = ["# Written from MASTHEAD_EDGE_KEYS at start; never commit real keys.", "sub edge_check_mac {",
             '    var.set("valid", "0");']
    for key in keys:
        lines += [
            f'    if (var.get("kid") == "{key.kid}") {{',
            f'        if (digest.hash_sha256(digest.base64url_nopad_hex('
            f'digest.hmac_sha256("{key.secret}", var.get("msg")))) ==',
            '            digest.hash_sha256(var.get("mac"))) {',
            '            var.set("valid", "1");',
            "        }",
            "    }",
        ]
    signing = keys[0]
    lines += [
        "}",
        "sub edge_sign_fill {",
        f'    set bereq.http.X-Edge-Fill-At = "f1.{signing.kid}." + std.integer(time=now);',
        "    set bereq.http.X-Edge-Fill-Mac = bereq.http.X-Edge-Fill-At + \".\" + digest.base64url_nopad_hex(",
        f'        digest.hmac_sha256("{signing.secret}",',
        '            bereq.http.X-Edge-Fill-At + "." + bereq.http.X-Edge-Fill + "." + bereq.url));',
        "    unset bereq.http.X-Edge-Fill-At;",
        "}",
    ]
    return "\n".join(lines) + "\n"
