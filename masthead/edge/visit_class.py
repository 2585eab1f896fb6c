"""The edge's rules for the visit's class, written from the funnel's
(masthead/metering/events.py) so the two cannot drift:
deploy/edge/visit_class.vcl, and a test compares.

    .venv/bin/python manage.py edge_vcl > deploy/edge/visit_class.vcl
"""

import re

from masthead.metering.events import SEARCH_HOSTS, SEARCH_LABELS, SOCIAL_HOSTS, WEBMAIL_HOSTS
from masthead.metering.models import ReferrerClass


def _hosts(hosts) -> str:
    """A regular expression matching a host that is one of ``hosts`` or under one."""
    return r"(^|\.)(" + "|".join(re.escape(host) for host in sorted(hosts)) + ")$"


def visit_class_vcl() -> str:
    """``edge_visit_class``: sets the task variable "via" to the class the origin's
    referrer_class (masthead/metering/events.py) gives a canonical article
    address (no query, so no utm_medium and no via) with this Referer, as
    the links the origin writes carry it ("" for a direct visit). The host is
    found as Python's urlsplit finds it: tabs and line breaks dropped, the
    scheme optional before "//", the last "@" ending the user part, the port
    dropped, every trailing dot stripped."""
    labels = r"(^|\.)(" + "|".join(sorted(SEARCH_LABELS)) + r")(\.|$)"
    return f'''# Written by `manage.py edge_vcl` from masthead/metering/events.py; do not edit.
sub edge_visit_class {{
    var.set("ref", regsuball(regsuball("" + req.http.Referer, "[\\t\\r\\n]", ""), "^\\s+|\\s+$", ""));
    if (var.get("ref") == "") {{
        var.set("via", "");
    }} else if (var.get("ref") ~ "^(android-app|ios-app)://") {{
        var.set("via", "{ReferrerClass.APP.value}");
    }} else if (var.get("ref") !~ "^([A-Za-z][A-Za-z0-9+.-]*:)?//") {{
        var.set("via", "{ReferrerClass.OTHER.value}");
    }} else {{
        # The network location, then past its last "@", then without a port.
        var.set("ref_host", regsub(regsub(var.get("ref"),
            "^([A-Za-z][A-Za-z0-9+.-]*:)?//([^/?#]*).*$", "\\2"), "^.*@", ""));
        if (var.get("ref_host") ~ "^\\[") {{
            var.set("ref_host", regsub(var.get("ref_host"), "^\\[([^\\]]*)\\].*$", "\\1"));
        }} else {{
            var.set("ref_host", regsub(var.get("ref_host"), ":.*$", ""));
        }}
        var.set("ref_host", regsub(std.tolower(var.get("ref_host")), "\\.+$", ""));
        if (var.get("ref_host") == "") {{
            var.set("via", "{ReferrerClass.OTHER.value}");
        }} else if (var.get("ref_host") == regsub(std.tolower(req.http.host), ":[0-9]+$", "")) {{
            var.set("via", "");
        }} else if (var.get("ref_host") ~ "{_hosts(WEBMAIL_HOSTS)}") {{
            var.set("via", "{ReferrerClass.NEWSLETTER.value}");
        }} else if (var.get("ref_host") ~ "{_hosts(SEARCH_HOSTS)}" || var.get("ref_host") ~ "{labels}") {{
            var.set("via", "{ReferrerClass.SEARCH.value}");
        }} else if (var.get("ref_host") ~ "{_hosts(SOCIAL_HOSTS)}") {{
            var.set("via", "{ReferrerClass.SOCIAL.value}");
        }} else {{
            var.set("via", "{ReferrerClass.OTHER.value}");
        }}
    }}
}}
'''
