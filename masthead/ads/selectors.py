from masthead.core.localcache import local_cache

from .models import AdSlot

SLOTS_SECONDS = 30


def active_slots() -> dict[str, AdSlot]:
    """Active slots by position, kept per process for a few seconds."""
    return local_cache.get_or_set(
        "ads:slots", lambda: {slot.position: slot for slot in AdSlot.objects.filter(is_active=True)}, SLOTS_SECONDS
    )
