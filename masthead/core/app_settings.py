"""Reading an app's own settings: Django's settings first, then the
environment variable of the same name, then the default.

So a deployment sets them in its environment without touching
masthead/settings.py; they are read when used, so tests can override them.
"""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def setting(name: str, default: str) -> str:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, "").strip()
    return str(value).strip() or default


def whole_number(name: str, default: int) -> int:
    """A setting that must be a whole number of at least 1."""
    raw = setting(name, str(default))
    try:
        number = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if number < 1:
        raise ImproperlyConfigured(f"{name} must be at least 1")
    return number
