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
    the links the origin writes carry it ("" for a direct visit)."""
    labels = r"(^|\.)(" + "|".join(sorted(SEARCH_LABELS)) + r")(\.|$)"
    return f'''# Written by `manage.py edge_vcl` from masthead/metering/events.py; do not edit.
sub edge_visit_class {{
    unset req.http.X-Edge-Via;
    if (!req.http.Referer || req.http.Referer ~ "^\\s*$") {{
        set req.http.X-Edge-Via = "";
    }} else if (req.http.Referer ~ "^\\s*(android-app|ios-app)://") {{
        set req.http.X-Edge-Via = "{ReferrerClass.APP.value}";
    }} else if (req.http.Referer !~ "^\\s*[A-Za-z][A-Za-z0-9+.-]*://") {{
        set req.http.X-Edge-Via = "{ReferrerClass.OTHER.value}";
    }} else {{
        set req.http.X-Edge-Ref-Host = regsub(std.tolower(regsub(req.http.Referer,
            "^\\s*[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?(\\[[^\\]/?#]*\\]|[^/?#:]*).*$", "\\1")), "\\.$", "");
        if (req.http.X-Edge-Ref-Host == "") {{
            set req.http.X-Edge-Via = "{ReferrerClass.OTHER.value}";
        }} else if (req.http.X-Edge-Ref-Host == std.tolower(regsub(req.http.host, ":[0-9]+$", ""))) {{
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
}}
'''
