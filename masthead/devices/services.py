"""Signed-in devices: every web session and app token of an account.

A device is allauth's ``UserSession`` (one per Django session; an app's
session token is a session too), with the name, kind and place this module
writes into its ``data`` at sign-in. Signing a device out ends its session,
so its next request is signed out, whatever the session backend.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from allauth.usersessions.models import UserSession
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.timesince import timesince

from masthead.core.errors import NotFound
from masthead.core.localcache import local_cache

from .models import DeviceSettings, DeviceSignOut, SignOutReason
from .naming import device_name
from .app_settings import app_settings

# "Last seen" is written at most this often per device, not on every request.
SEEN_EVERY = timedelta(minutes=5)


@dataclass(frozen=True)
class Device:
    id: int
    name: str
    kind: str  # "web" or "app"
    signed_in_at: datetime
    last_seen_at: datetime
    location: str
    is_current: bool
    # When it was last used, as its owner would say it ("Just now", "3 hours ago").
    last_used: str = ""


def last_used_label(*, last_seen_at: datetime, now: datetime, is_current: bool) -> str:
    """How long ago a device was last used, as a person says it. Use is
    written down at most every SEEN_EVERY, so anything more recent than that
    is "Just now", never a precise-looking "0 minutes ago"."""
    if is_current:
        return "Now"
    if now - last_seen_at < SEEN_EVERY:
        return "Just now"
    return f"{timesince(last_seen_at, now, depth=1)} ago"


def _as_device(session: UserSession, current_key: str | None, now: datetime | None = None) -> Device:
    data = session.data or {}
    is_current = session.session_key == current_key
    return Device(
        id=session.pk,
        name=data.get("name") or device_name(user_agent=session.user_agent),
        kind=data.get("kind", "web"),
        signed_in_at=session.created_at,
        last_seen_at=session.last_seen_at,
        location=data.get("location", ""),
        is_current=is_current,
        last_used=last_used_label(last_seen_at=session.last_seen_at, now=now or timezone.now(), is_current=is_current),
    )


def devices_of(*, user, current_session_key: str | None = None, now: datetime | None = None) -> list[Device]:
    """The account's devices, most recently used first (ended sessions are tidied away)."""
    sessions = UserSession.objects.purge_and_list(user)
    sessions.sort(key=lambda s: s.last_seen_at, reverse=True)
    return [_as_device(session, current_session_key, now) for session in sessions]


def device_sign_out(*, user, device_id: int, now: datetime | None = None) -> Device:
    session = UserSession.objects.filter(user=user, pk=device_id).first()
    if session is None:
        raise NotFound("device_not_found", "No such device on this account.")
    device = _as_device(session, None)
    session.end()
    DeviceSignOut.objects.create(user=user, device_name=device.name, reason=SignOutReason.BY_OWNER, at=now or timezone.now())
    return device


def device_signed_in(request, *, user, now: datetime | None = None) -> list[Device]:
    """Name the device that just signed in, then keep the account within its
    device limit by signing out the least recently used others. Returns the
    devices signed out, so the reader can be told."""
    now = now or timezone.now()
    session_key = request.session.session_key
    is_app = request.path.startswith("/api/")
    data = {
        "name": device_name(
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            supplied=request.headers.get("X-Device-Name", "") if is_app else "",
        ),
        "kind": "app" if is_app else "web",
        "location": _location(request),
    }
    with transaction.atomic():
        # One sign-in at a time per account decides who is signed out.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        UserSession.objects.filter(session_key=session_key).update(data=data, last_seen_at=now)
        limit = DeviceSettings.current().devices_per_account
        # The new session is not saved with its user until the response goes
        # out, so it is left out of the tidy-up (which would take it for dead).
        others = sorted(
            (s for s in UserSession.objects.filter(user=user).exclude(session_key=session_key) if not s.purge()),
            key=lambda s: s.last_seen_at,
        )
        excess = len(others) + 1 - limit if limit else 0
        signed_out = []
        for session in others[: max(excess, 0)]:
            device = _as_device(session, None)
            session.end()
            DeviceSignOut.objects.create(user=user, device_name=device.name, reason=SignOutReason.DEVICE_LIMIT, at=now)
            signed_out.append(device)
    return signed_out


def device_seen(request, *, session_key: str, now: datetime | None = None) -> None:
    """Refresh a device's "last seen" (and address) at most every SEEN_EVERY."""
    marker = f"device-seen:{session_key}"
    if local_cache.get(marker):
        return
    now = now or timezone.now()
    UserSession.objects.filter(session_key=session_key, last_seen_at__lt=now - SEEN_EVERY).update(
        last_seen_at=now, ip=_client_ip(request)
    )
    local_cache.set(marker, True, SEEN_EVERY.total_seconds())


def _client_ip(request) -> str:
    from allauth.account.adapter import get_adapter

    return get_adapter().get_client_ip(request)


def _location(request) -> str:
    """Only what the site's own front end says (e.g. a CDN's country header):
    never a lookup with a third party."""
    header = app_settings.DEVICE_LOCATION_HEADER
    return " ".join(request.headers.get(header, "").split())[:80] if header else ""
