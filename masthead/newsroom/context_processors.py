from . import selectors


def navigation(request):
    # A lazy queryset: pages that do not show the menu never query it.
    return {"navigation_sections": selectors.navigation_sections()}
