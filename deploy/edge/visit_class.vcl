# Written by `manage.py edge_vcl` from masthead/metering/events.py; do not edit.
sub edge_visit_class {
    var.set("ref", regsuball(regsuball("" + req.http.Referer, "[\t\r\n]", ""), "^\s+|\s+$", ""));
    if (var.get("ref") == "") {
        var.set("via", "");
    } else if (var.get("ref") ~ "^(android-app|ios-app)://") {
        var.set("via", "app");
    } else if (var.get("ref") !~ "^([A-Za-z][A-Za-z0-9+.-]*:)?//") {
        var.set("via", "other");
    } else {
        # The network location, then past its last "@", then without a port.
        var.set("ref_host", regsub(regsub(var.get("ref"),
            "^([A-Za-z][A-Za-z0-9+.-]*:)?//([^/?#]*).*$", "\2"), "^.*@", ""));
        if (var.get("ref_host") ~ "^\[") {
            var.set("ref_host", regsub(var.get("ref_host"), "^\[([^\]]*)\].*$", "\1"));
        } else {
            var.set("ref_host", regsub(var.get("ref_host"), ":.*$", ""));
        }
        var.set("ref_host", regsub(std.tolower(var.get("ref_host")), "\.+$", ""));
        if (var.get("ref_host") == "") {
            var.set("via", "other");
        } else if (var.get("ref_host") == regsub(std.tolower(req.http.host), ":[0-9]+$", "")) {
            var.set("via", "");
        } else if (var.get("ref_host") ~ "(^|\.)(mail\.google\.com|mail\.yahoo\.com|mail\.zoho\.com|mail\.zoho\.in|outlook\.live\.com|outlook\.office\.com)$") {
            var.set("via", "newsletter");
        } else if (var.get("ref_host") ~ "(^|\.)(search\.brave\.com|search\.yahoo\.com)$" || var.get("ref_host") ~ "(^|\.)(baidu|bing|duckduckgo|ecosia|google|qwant|startpage|yahoo|yandex)(\.|$)") {
            var.set("via", "search");
        } else if (var.get("ref_host") ~ "(^|\.)(facebook\.com|fb\.com|fb\.me|instagram\.com|kooapp\.com|linkedin\.com|lnkd\.in|pinterest\.com|quora\.com|reddit\.com|sharechat\.in|t\.co|t\.me|telegram\.org|threads\.net|twitter\.com|wa\.me|whatsapp\.com|x\.com|youtube\.com)$") {
            var.set("via", "social");
        } else {
            var.set("via", "other");
        }
    }
}
