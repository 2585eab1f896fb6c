# Written by `manage.py edge_vcl` from masthead/metering/events.py; do not edit.
sub edge_visit_class {
    unset req.http.X-Edge-Via;
    set req.http.X-Edge-Ref = regsuball(regsuball(req.http.Referer, "[\t\r\n]", ""), "^\s+|\s+$", "");
    if (!req.http.X-Edge-Ref || req.http.X-Edge-Ref == "") {
        set req.http.X-Edge-Via = "";
    } else if (req.http.X-Edge-Ref ~ "^(android-app|ios-app)://") {
        set req.http.X-Edge-Via = "app";
    } else if (req.http.X-Edge-Ref !~ "^([A-Za-z][A-Za-z0-9+.-]*:)?//") {
        set req.http.X-Edge-Via = "other";
    } else {
        # The network location, then past its last "@", then without a port.
        set req.http.X-Edge-Ref-Host = regsub(regsub(req.http.X-Edge-Ref,
            "^([A-Za-z][A-Za-z0-9+.-]*:)?//([^/?#]*).*$", "\2"), "^.*@", "");
        if (req.http.X-Edge-Ref-Host ~ "^\[") {
            set req.http.X-Edge-Ref-Host = regsub(req.http.X-Edge-Ref-Host, "^\[([^\]]*)\].*$", "\1");
        } else {
            set req.http.X-Edge-Ref-Host = regsub(req.http.X-Edge-Ref-Host, ":.*$", "");
        }
        set req.http.X-Edge-Ref-Host = regsub(std.tolower(req.http.X-Edge-Ref-Host), "\.+$", "");
        if (req.http.X-Edge-Ref-Host == "") {
            set req.http.X-Edge-Via = "other";
        } else if (req.http.X-Edge-Ref-Host == regsub(std.tolower(req.http.host), ":[0-9]+$", "")) {
            set req.http.X-Edge-Via = "";
        } else if (req.http.X-Edge-Ref-Host ~ "(^|\.)(mail\.google\.com|mail\.yahoo\.com|mail\.zoho\.com|mail\.zoho\.in|outlook\.live\.com|outlook\.office\.com)$") {
            set req.http.X-Edge-Via = "newsletter";
        } else if (req.http.X-Edge-Ref-Host ~ "(^|\.)(search\.brave\.com|search\.yahoo\.com)$" || req.http.X-Edge-Ref-Host ~ "(^|\.)(baidu|bing|duckduckgo|ecosia|google|qwant|startpage|yahoo|yandex)(\.|$)") {
            set req.http.X-Edge-Via = "search";
        } else if (req.http.X-Edge-Ref-Host ~ "(^|\.)(facebook\.com|fb\.com|fb\.me|instagram\.com|kooapp\.com|linkedin\.com|lnkd\.in|pinterest\.com|quora\.com|reddit\.com|sharechat\.in|t\.co|t\.me|telegram\.org|threads\.net|twitter\.com|wa\.me|whatsapp\.com|x\.com|youtube\.com)$") {
            set req.http.X-Edge-Via = "social";
        } else {
            set req.http.X-Edge-Via = "other";
        }
        unset req.http.X-Edge-Ref-Host;
    }
    unset req.http.X-Edge-Ref;
}
