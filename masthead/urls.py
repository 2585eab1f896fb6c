from django.contrib import admin
from django.urls import include, path

from masthead.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz),
    path("readyz", core_views.readyz),
    # Readers' pages first: Django tries patterns in order, and the article
    # page is the busiest address on the site.
    path("", include("masthead.newsroom.urls")),
    path("admin/", admin.site.urls),
    path("api/auth/", include("allauth.headless.urls")),
    path("api/v1/", include("masthead.api.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("masthead.accounts.urls")),
    path("", include("masthead.payments.urls")),
    path("", include("masthead.invoicing.urls")),
    path("", include("masthead.partners.urls")),
    path("", include("masthead.epaper.urls")),
    path("", include("masthead.newsletters.urls")),
    path("", include("masthead.search.urls")),
    path("", include("masthead.gifts.urls")),
    path("", include("masthead.devices.urls")),
    path("favicon.ico", core_views.favicon),
    path("robots.txt", core_views.robots_txt),
    path("", include("masthead.subscriptions.urls")),
]

handler404 = "masthead.core.views.page_not_found"
handler500 = "masthead.core.views.server_error"
