# Written by `manage.py edge_vcl` from masthead/metering/events.py; do not edit.
sub edge_visit_class {
    unset req.http.X-Edge-Via;
    if (!req.http.Referer || req.http.Referer ~ "^\s*$") {
        set req.http.X-Edge-Via = "";
    } else if (req.http.Referer ~ "^\s*(android-app|ios-app)://") {
        set req.http.X-Edge-Via = "app";
    } else if (req.http.Referer !~ "^\s*[A-Za-z][A-Za-z0-9+.-]*://") {
        set req.http.X-Edge-Via = "other";
    } else {
        set req.http.X-Edge-Ref-Host = regsub(std.tolower(regsub(req.http.Referer,
            "^\s*[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?(\[[^\]/?#]*\]|[^/?#:]*).*$", "\1")), "\.$", "");
        if (req.http.X-Edge-Ref-Host == "") {
            set req.http.X-Edge-Via = "other";
        } else if (req.http.X-Edge-Ref-Host == std.tolower(regsub(req.http.host, ":[0-9]+$", ""))) {
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
}
