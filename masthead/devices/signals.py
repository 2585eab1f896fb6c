from allauth.account.signals import user_logged_in
from django.contrib import messages
from django.dispatch import receiver

from .models import DeviceSettings
from .services import device_signed_in


@receiver(user_logged_in, dispatch_uid="masthead.devices.signed_in")
def on_signed_in(sender, request, user, **kwargs):  # noqa: ARG001
    # allauth's signal, sent after Django's login for web and app sign-ins
    # alike; allauth.usersessions' receiver (connected first) has recorded the session.
    if request is None or getattr(request, "session", None) is None or not request.session.session_key:
        return
    signed_out = device_signed_in(request, user=user)
    if signed_out and hasattr(request, "_messages"):
        names = ", ".join(device.name for device in signed_out)
        messages.info(
            request,
            f"You can be signed in on {DeviceSettings.current().devices_per_account} devices at once, so we signed you out "
            f"of the one you used least recently: {names}.",
        )
