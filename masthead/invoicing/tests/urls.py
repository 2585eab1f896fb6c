"""The site's URLs with the invoicing app included, as masthead/urls.py is to include it.

Once the site includes it itself, this adds nothing.
"""

from django.urls import include, path

from masthead.urls import urlpatterns as site_urlpatterns

urlpatterns = list(site_urlpatterns)
if not any(getattr(pattern, "app_name", None) == "invoicing" for pattern in urlpatterns):
    urlpatterns.append(path("", include("masthead.invoicing.urls")))
