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


def whole_numbers(name: str, default: list[int]) -> list[int]:
    """A comma-separated list of whole numbers of at least 1 (a list in
    Django's settings is taken as it is)."""
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, "").strip() or default
    items = value if isinstance(value, list | tuple) else [item.strip() for item in str(value).split(",") if item.strip()]
    try:
        numbers = [int(item) for item in items]
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be whole numbers separated by commas, not {value!r}") from None
    if any(number < 1 for number in numbers):
        raise ImproperlyConfigured(f"{name} must hold numbers of at least 1")
    return numbers
