from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from masthead.core.errors import MastheadError

from .services import device_sign_out, devices_of


@login_required
@require_POST
def sign_out(request, device_id: int):
    this_device = next(
        (d for d in devices_of(user=request.user, current_session_key=request.session.session_key) if d.is_current), None
    )
    if this_device is not None and this_device.id == device_id:
        # Signing out here: the usual logout, so this session is not saved again on the way out.
        logout(request)
        return redirect("newsroom:home")
    try:
        device = device_sign_out(user=request.user, device_id=device_id)
    except MastheadError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Signed out of {device.name}.")
    return redirect("accounts:account")
