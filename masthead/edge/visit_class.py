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
    """``edge_visit_class``: sets req.http.X-Edge-Via to the class the origin's
    referrer_class (masthead/metering/events.py) gives a canonical article
    address (no query, so no utm_medium and no via) with this Referer, as
    the links the origin writes carry it ("" for a direct visit). The host is
    found as Python's urlsplit finds it: tabs and line breaks dropped, the
    scheme optional before "//", the last "@" ending the user part, the port
    dropped, every trailing dot stripped."""
    labels = r"(^|\.)(" + "|".join(sorted(SEARCH_LABELS)) + r")(\.|$)"
    return f'''# Written by `manage.py edge_vcl` from masthead/metering/events.py; do not edit.
sub edge_visit_class {{
    unset req.http.X-Edge-Via;
    set req.http.X-Edge-Ref = regsuball(regsuball(req.http.Referer, "[\\t\\r\\n]", ""), "^\\s+|\\s+$", "");
    if (!req.http.X-Edge-Ref || req.http.X-Edge-Ref == "") {{
        set req.http.X-Edge-Via = "";
    }} else if (req.http.X-Edge-Ref ~ "^(android-app|ios-app)://") {{
        set req.http.X-Edge-Via = "{ReferrerClass.APP.value}";
    }} else if (req.http.X-Edge-Ref !~ "^([A-Za-z][A-Za-z0-9+.-]*:)?//") {{
        set req.http.X-Edge-Via = "{ReferrerClass.OTHER.value}";
    }} else {{
        # The network location, then past its last "@", then without a port.
        set req.http.X-Edge-Ref-Host = regsub(regsub(req.http.X-Edge-Ref,
            "^([A-Za-z][A-Za-z0-9+.-]*:)?//([^/?#]*).*$", "\\2"), "^.*@", "");
        if (req.http.X-Edge-Ref-Host ~ "^\\[") {{
            set req.http.X-Edge-Ref-Host = regsub(req.http.X-Edge-Ref-Host, "^\\[([^\\]]*)\\].*$", "\\1");
        }} else {{
            set req.http.X-Edge-Ref-Host = regsub(req.http.X-Edge-Ref-Host, ":.*$", "");
        }}
        set req.http.X-Edge-Ref-Host = regsub(std.tolower(req.http.X-Edge-Ref-Host), "\\.+$", "");
        if (req.http.X-Edge-Ref-Host == "") {{
            set req.http.X-Edge-Via = "{ReferrerClass.OTHER.value}";
        }} else if (req.http.X-Edge-Ref-Host == regsub(std.tolower(req.http.host), ":[0-9]+$", "")) {{
            set req.http.X-Edge-Via = "";
        }} else if (req.http.X-Edge-Ref-Host ~ "{_hosts(WEBMAIL_HOSTS)}") {{
            set req.http.X-Edge-Via = "{ReferrerClass.NEWSLETTER.value}";
        }} else if (req.http.X-Edge-Ref-Host ~ "{_hosts(SEARCH_HOSTS)}" || req.http.X-Edge-Ref-Host ~ "{labels}") {{
            set req.http.X-Edge-Via = "{ReferrerClass.SEARCH.value}";
        }} else if (req.http.X-Edge-Ref-Host ~ "{_hosts(SOCIAL_HOSTS)}") {{
            set req.http.X-Edge-Via = "{ReferrerClass.SOCIAL.value}";
        }} else {{
            set req.http.X-Edge-Via = "{ReferrerClass.OTHER.value}";
        }}
        unset req.http.X-Edge-Ref-Host;
    }}
    unset req.http.X-Edge-Ref;
}}
'''
