"""Reading an app's own settings: Django's settings first, then the
environment variable of the same name, then the default.

So a deployment sets them in its environment without touching
masthead/settings.py. Each value is read once and remembered (some are read
on every request, and looking a missing name up in Django's settings is not
free); a test that overrides a setting makes them all be read again.
"""

import os
from functools import wraps

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed

_remembered: dict[tuple, object] = {}


def _read_once(read):
    @wraps(read)
    def remembered(*args, **kwargs):
        key = (read, args, *kwargs.items()) if kwargs else (read, args)
        try:
            return _remembered[key]
        except KeyError:
            value = _remembered[key] = read(*args, **kwargs)
            return value

    return remembered


def app_settings_forget(**kwargs) -> None:
    """Read every app setting afresh (Django's settings or the environment changed)."""
    _remembered.clear()


setting_changed.connect(app_settings_forget, dispatch_uid="masthead.core.app_settings")


@_read_once
def setting(name: str, default: str) -> str:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, "").strip()
    return str(value).strip() or default


@_read_once
def whole_number(name: str, default: int, *, minimum: int = 1) -> int:
    """A setting that must be a whole number of at least ``minimum``."""
    raw = setting(name, str(default))
    try:
        number = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}")
    return number


@_read_once
def whole_numbers(name: str, default: tuple[int, ...]) -> list[int]:
    """A comma-separated list of whole numbers of at least 1 (a list in
    Django's settings is taken as it is)."""
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, "").strip() or list(default)
    items = value if isinstance(value, list | tuple) else [item.strip() for item in str(value).split(",") if item.strip()]
    try:
        numbers = [int(item) for item in items]
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be whole numbers separated by commas, not {value!r}") from None
    if any(number < 1 for number in numbers):
        raise ImproperlyConfigured(f"{name} must hold numbers of at least 1")
    return numbers
