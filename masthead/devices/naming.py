"""A device's name, as its owner would recognise it ("Firefox on Windows").

Apps say who they are (the ``X-Device-Name`` header at sign-in); browsers are
named from their User-Agent by the few rules below. Order matters: Edge and
Opera also claim to be Chrome, and Chrome claims to be Safari.
"""

import re

_BROWSERS = (
    ("Edge", re.compile(r"\bEdgA?/|\bEdg/")),
    ("Opera", re.compile(r"\bOPR/|\bOpera\b")),
    ("Samsung Internet", re.compile(r"\bSamsungBrowser/")),
    ("Firefox", re.compile(r"\bFirefox/|\bFxiOS/")),
    ("Chrome", re.compile(r"\bChrome/|\bCriOS/|\bChromium/")),
    ("Safari", re.compile(r"\bSafari/")),
)
_SYSTEMS = (
    ("iPhone", re.compile(r"\biPhone\b")),
    ("iPad", re.compile(r"\biPad\b")),
    ("Android", re.compile(r"\bAndroid\b")),
    ("Windows", re.compile(r"\bWindows\b")),
    ("ChromeOS", re.compile(r"\bCrOS\b")),
    ("macOS", re.compile(r"\bMacintosh\b|\bMac OS X\b")),
    ("Linux", re.compile(r"\bLinux\b")),
)
NAME_MAX = 80


def device_name(*, user_agent: str, supplied: str = "") -> str:
    supplied = " ".join(supplied.split())[:NAME_MAX]
    if supplied:
        return supplied
    browser = next((name for name, pattern in _BROWSERS if pattern.search(user_agent)), "")
    system = next((name for name, pattern in _SYSTEMS if pattern.search(user_agent)), "")
    if browser and system:
        return f"{browser} on {system}"
    return browser or system or "Unknown device"
