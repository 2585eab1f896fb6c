from django.conf import settings


def publication(request):
    """What every page needs to name the publication."""
    return {
        "site_name": settings.MASTHEAD_SITE_NAME,
        "site_description": settings.MASTHEAD_SITE_DESCRIPTION,
    }
