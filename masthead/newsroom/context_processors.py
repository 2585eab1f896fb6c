from django.utils.functional import SimpleLazyObject

from . import cache


def navigation(request):
    # Lazy: pages that do not show the menu (the 500 page) never read it.
    return {"navigation_sections": SimpleLazyObject(cache.navigation_sections)}
