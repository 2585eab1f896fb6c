from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from masthead.core.errors import MastheadError

from .services import newsletter_choices_save, newsletter_unsubscribe
from .selectors import unsubscribe_target
from .tokens import TokenInvalid


@login_required
@require_POST
def choose(request):
    try:
        chosen = newsletter_choices_save(
            user=request.user, slugs=request.POST.getlist("newsletter"), subscriber=request.reader.is_subscriber
        )
    except MastheadError as error:
        messages.error(request, error.message)
    else:
        names = ", ".join(newsletter.name for newsletter in chosen)
        messages.success(request, f"Your newsletters: {names}." if names else "You will not get any newsletters.")
    return redirect("accounts:account")


# Mail clients make the RFC 8058 one-click POST with no cookie and no CSRF
# token; the signed token in the address is the authority, so this one view
# is exempt. It only ever removes a newsletter, never adds anything.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        if request.method == "GET":
            target = unsubscribe_target(token=token)
            return render(request, "newsletters/unsubscribe.html", {"newsletter": target.newsletter, "token": token})
        newsletter = newsletter_unsubscribe(token=token)
    except TokenInvalid as error:
        return render(request, "newsletters/unsubscribe_invalid.html", {"message": error.message}, status=400)
    except MastheadError as error:
        return render(request, "newsletters/unsubscribe_invalid.html", {"message": error.message}, status=404)
    return render(request, "newsletters/unsubscribed.html", {"newsletter": newsletter})
