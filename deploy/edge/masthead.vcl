vcl 4.1;
# The edge in front of Masthead's web workers: it replays access decisions
# the origin signed, and asks the origin everything else.
#
# An article page is cached in variants that are the same for every reader
# (masthead/access/replay.py):
#   subscriber    a subscriber's page
#   full:<V>-<L>[:<class>]  a metered story in full for a signed-out reader
#                 who has read V of L this month, the origin's own meter note
#                 in it (one copy per count, so no page is assembled here),
#                 its subscribe link carrying the visit's class
#   wall:p<N>     lead-in and the plain paywall of a meter of N a month
# A reader gets
#   subscriber    with a valid entitlement cookie (mt_ent), not revoked
#   full:…        with a valid receipt (mt_rcpt) naming this story, when the
#                 story is metered (the cached object says which story it is
#                 and whether the meter judges it)
#   wall:p<N>     with a valid receipt saying the allowance is used, for a
#                 metered story it does not name
#   the origin    otherwise: no or bad cookie, a new story for a metered
#                 reader (the origin counts it), premium or archive stories
#                 for a non-subscriber, gift links, anything not an article.
# The origin fills a variant only when the fill is signed under an edge key
# (edge_sign_fill, in keys.vcl). Formats: masthead/edge/tokens.py.

import std;
import cookie;
import digest;
import xkey;
import var;
import str;

include "./keys.vcl";
include "./visit_class.vcl";

backend origin {
    .host = "127.0.0.1";
    .port = "8000";
    .first_byte_timeout = 30s;
}

# Who may purge and revoke: the origin's hosts.
acl origin_hosts {
    "127.0.0.1";
}

sub vcl_init {
    # Revocations live in this process's memory: a restarted one knows none
    # of those before it, so it trusts no cookie issued before it started
    # (each such reader asks the origin once, and gets a new one), nor any
    # from the second it started in. A VCL reload keeps both.
    if (std.integer(var.global_get("edge booted"), 0) == 0) {
        var.global_set("edge booted", "" + std.integer(time=now));
    }
}

sub vcl_recv {
    if (req.restarts == 0) {
        # Nothing the edge uses to decide may come from the client. Its own
        # state is in task variables (vmod_var: this request's alone, kept
        # across its restarts, never a header a client could send, nothing
        # written to the log); only the variant travels in a header, to the
        # fill, and the fill's own headers are the edge's to set.
        unset req.http.X-Edge-Variant;
        unset req.http.X-Edge-Fill;
        unset req.http.X-Edge-Fill-Mac;
        unset req.http.X-Edge-Fill-At;
        # The same names as a WSGI server may read them (underscores for dashes).
        unset req.http.X_Edge_Fill;
        unset req.http.X_Edge_Fill_Mac;
    }

    # The origin purges a story's variants (publish, correct, unpublish,
    # premium changed) and revokes entitlements (refund, sign-out).
    if (req.method == "PURGE") {
        if (client.ip !~ origin_hosts || req.http.xkey !~ "^(stories|(story|section)-[0-9]{1,12}( section-[0-9]{1,12})?)$") {
            return (synth(403, "Forbidden"));
        }
        return (synth(200, "Purged " + xkey.purge(req.http.xkey)));
    }
    if (req.method == "REVOKE") {
        if (client.ip !~ origin_hosts || req.http.X-Revoke !~ "^(a:[0-9]{1,12}|r:all)$"
            || (req.http.X-Revoke-At && req.http.X-Revoke-At !~ "^[0-9]{13}$")) {
            return (synth(403, "Forbidden"));
        }
        # An account's revocation is kept in one of 1,024 buckets, so the
        # edge's memory and the time to look one up stay the same however
        # many readers sign out (vmod_var keeps a list): an account sharing
        # the bucket asks the origin once for a new token, nothing worse.
        if (req.http.X-Revoke ~ "^a:") {
            set req.http.X-Revoke = "a" + (std.integer(regsub(req.http.X-Revoke, "^a:", ""), 0) % 1024);
        }
        # Tokens issued up to the origin's moment of the change, in
        # milliseconds (the origin stamps both), or this edge's now when it
        # sends none; never earlier than a revocation already held.
        set req.http.X-Revoke-At = std.integer(req.http.X-Revoke-At, std.integer(time=now) * 1000);
        if (std.integer(req.http.X-Revoke-At, 0) > std.integer(var.global_get("revoked " + req.http.X-Revoke), 0)) {
            var.global_set("revoked " + req.http.X-Revoke, req.http.X-Revoke-At);
        }
        return (synth(200, "Revoked"));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Only article pages, by their canonical address; a query string (a gift
    # link, a campaign tag) or any other spelling goes to the origin.
    if (req.url !~ "^/articles/[a-z0-9-]{1,200}/$") {
        return (pass);
    }
    if (req.restarts > 0) {
        if (var.get("class") == "origin") {
            return (pass);
        }
        return (hash);
    }

    cookie.parse(req.http.Cookie);
    call edge_read_entitlement;
    if (var.get("class") == "entitled") {
        set req.http.X-Edge-Variant = "subscriber";
        return (hash);
    }
    if (cookie.isset("sessionid")) {
        # Signed in: the account's meter, not this browser's, judges them
        # (a receipt left from before signing in says nothing of it).
        return (pass);
    }
    call edge_read_receipt;
    if (var.get("class") == "receipt") {
        # Where the visit came from, for the subscribe links (the funnel's classes).
        call edge_visit_class;
        # A reader whose allowance is used up mostly meets stories they have
        # not read: look up the paywall first; anyone else, the full page
        # with their count. vcl_deliver checks the story against the receipt.
        if (var.get("wall") != "-") {
            call edge_wall_variant;
        } else {
            call edge_full_variant;
        }
        return (hash);
    }
    return (pass);
}

# The variant's name carries the visit's class: its subscribe links do.
sub edge_full_variant {
    set req.http.X-Edge-Variant = "full:" + var.get("views") + "-" + var.get("limit");
    if (var.get("via") != "") {
        set req.http.X-Edge-Variant = req.http.X-Edge-Variant + ":" + var.get("via");
    }
}

sub edge_wall_variant {
    set req.http.X-Edge-Variant = "wall:" + var.get("wall");
    if (var.get("via") != "") {
        set req.http.X-Edge-Variant = req.http.X-Edge-Variant + ":" + var.get("via");
    }
}

sub edge_split {
    # msg: the signed part; mac: the MAC; kid: the key.
    var.set("msg", regsub(var.get("token"), "\.[^.]*$", ""));
    var.set("mac", str.split(var.get("token"), -1, "."));
    var.set("kid", str.split(var.get("token"), 2, "."));
    call edge_check_mac;
}

sub edge_read_entitlement {
    # Copied for the checks only once it has the token's shape (and length).
    if (cookie.get("mt_ent") ~ "^e1\.[a-z0-9]{1,8}\.[0-9]{1,12}\.[A-Za-z0-9_-]{8,40}\.[0-9]{10}\.[0-9]{10}\.[A-Za-z0-9_-]{43}$") {
        var.set("token", cookie.get("mt_ent"));
        call edge_split;
        if (var.get("valid") == "1") {
            # The shape was checked above: the fields are the dot-separated tokens.
            var.set("account", str.split(var.get("msg"), 3, "."));
            var.set("session", str.split(var.get("msg"), 4, "."));
            var.set("issued", str.split(var.get("msg"), 5, "."));
            var.set("expires", str.split(var.get("msg"), 6, "."));
            if (std.integer(var.get("expires"), 0) > std.integer(time=now)
                && std.integer(var.get("issued"), 0) <= std.integer(time=now)
                && std.integer(var.get("expires"), 0) - std.integer(var.get("issued"), 0) <= 900
                # Revocations are in milliseconds, an entitlement's issue in seconds:
                # one issued in a revocation's second is refused.
                && std.integer(var.global_get("edge booted"), 0) < std.integer(var.get("issued"), 0)
                && std.integer(var.global_get("revoked a" + (std.integer(var.get("account"), 0) % 1024)), 0)
                    < std.integer(var.get("issued"), 0) * 1000) {
                var.set("class", "entitled");
            }
        }
    }
}

sub edge_read_receipt {
    # Copied for the checks only once it has the token's shape (and length).
    if (cookie.get("mt_rcpt") ~ "^r2\.[a-z0-9]{1,8}\.[0-9]{13}\.[0-9]{10}\.[0-9]{1,4}\.[0-9]{1,4}\.(-|p[0-9]{1,3})\.(-|[0-9]{1,12})\.[0-9]{1,12}(-[0-9]{1,12}){0,29}\.[A-Za-z0-9_-]{43}$") {
        var.set("token", cookie.get("mt_rcpt"));
        call edge_split;
        if (var.get("valid") == "1"
            && std.integer(str.split(var.get("msg"), 4, "."), 0) > std.integer(time=now)
            # Never issued ahead of this edge's clock: a web worker whose clock
            # runs fast would stamp a decision made before a revocation after it.
            && std.integer(str.split(var.get("msg"), 3, "."), 0) < (std.integer(time=now) + 1) * 1000
            && (std.integer(var.global_get("edge booted"), 0) + 1) * 1000 <= std.integer(str.split(var.get("msg"), 3, "."), 0)
            && std.integer(var.global_get("revoked r:all"), 0) < std.integer(str.split(var.get("msg"), 3, "."), 0)) {
            var.set("class", "receipt");
            var.set("views", str.split(var.get("msg"), 5, "."));
            var.set("limit", str.split(var.get("msg"), 6, "."));
            var.set("wall", str.split(var.get("msg"), 7, "."));
            var.set("account", str.split(var.get("msg"), 8, "."));
            # Dashes round the list, so "-12-" is found only as a whole id.
            var.set("ids", "-" + str.split(var.get("msg"), 9, ".") + "-");
            # A browser reading by the arm of an account that signed in there:
            # the account's revocations (it subscribed, became staff) end it.
            if (var.get("account") != "-"
                && std.integer(var.global_get("revoked a" + (std.integer(var.get("account"), 0) % 1024)), 0)
                    >= std.integer(str.split(var.get("msg"), 3, "."), 0)) {
                var.set("class", "");
            }
        }
    }
}

sub vcl_hash {
    # The host too: a page carries absolute addresses built from it, and a
    # page filled under a made-up Host must never reach readers of the real one.
    hash_data(req.http.host);
    hash_data(req.url);
    hash_data(req.http.X-Edge-Variant);
    return (lookup);
}

sub vcl_backend_fetch {
    if (bereq.http.X-Edge-Variant) {
        # A variant is the same for everyone: fetched with no reader's cookie,
        # and signed, so the origin knows the edge asks.
        unset bereq.http.Cookie;
        # Nor anything else of the reader who happened to ask first.
        unset bereq.http.Referer;
        unset bereq.http.Accept-Language;
        unset bereq.http.Authorization;
        unset bereq.http.X-Reader;
        set bereq.http.User-Agent = "masthead-edge";
        set bereq.http.X-Edge-Fill = bereq.http.X-Edge-Variant;
        call edge_sign_fill;
    }
    unset bereq.http.X-Edge-Variant;
}

sub vcl_backend_response {
    if (bereq.http.X-Edge-Fill) {
        if (beresp.status != 200 || beresp.http.Set-Cookie || !beresp.http.X-Story-Id
            || beresp.http.X-Edge-Variant != bereq.http.X-Edge-Fill) {
            # Not a variant the origin vouched for: never stored, never shown.
            set beresp.uncacheable = true;
            set beresp.ttl = 0s;
            set beresp.status = 503;
            return (deliver);
        }
        # The origin's pages say "Vary: Cookie"; a variant is the same for
        # every cookie (it was fetched with none), so keep one copy.
        unset beresp.http.Vary;
        set beresp.ttl = std.duration(beresp.http.X-Edge-TTL + "s", 60s);
        if (beresp.ttl <= 0s) {
            # Shown to this reader, kept for nobody (a slow fill may predate a purge).
            set beresp.uncacheable = true;
            set beresp.ttl = 0s;
        }
        # No grace: a page past its time (a story gone to the archive) is
        # never served while a new one is fetched.
        set beresp.grace = 0s;
        return (deliver);
    }
}

sub vcl_deliver {
    if (req.http.X-Edge-Variant && resp.status != 200) {
        # No variant to serve (the story is gone, the origin would not vouch):
        # the origin answers this reader as it would without the edge.
        unset req.http.X-Edge-Variant;
        var.set("class", "origin");
        return (restart);
    }
    if (var.get("class") == "receipt" && req.http.X-Edge-Variant ~ "^wall:"
        && str.contains(var.get("ids"), "-" + resp.http.X-Story-Id + "-")) {
        # A used-up reader re-reading a story the origin counted: the full
        # page (checked again below; a full page never leads back here).
        call edge_full_variant;
        return (restart);
    }
    if (var.get("class") == "receipt" && req.http.X-Edge-Variant ~ "^full:"
        && !(resp.http.X-Story-Metered == "1" && str.contains(var.get("ids"), "-" + resp.http.X-Story-Id + "-"))) {
        # Only a re-read of a story the origin counted is shown in full.
        unset req.http.X-Edge-Variant;
        var.set("class", "origin");
        return (restart);
    }
    if (var.get("class") == "receipt" && req.http.X-Edge-Variant ~ "^wall:" && resp.http.X-Story-Metered != "1") {
        # Never the case for a variant the origin filled (it fills walls only
        # for metered stories), but a wall is shown only where the meter judges.
        unset req.http.X-Edge-Variant;
        var.set("class", "origin");
        return (restart);
    }
    if (req.http.X-Edge-Variant) {
        set resp.http.Cache-Control = "private, no-cache";
        set resp.http.X-Edge = req.http.X-Edge-Variant;
        if (obj.hits > 0) {
            set resp.http.X-Edge = resp.http.X-Edge + " hit";
        }
    }
    unset resp.http.xkey;
    unset resp.http.X-Story-Id;
    unset resp.http.X-Story-Metered;
    unset resp.http.X-Edge-Variant;
    unset resp.http.X-Edge-TTL;
    unset resp.http.Via;
}
