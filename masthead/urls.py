from django.contrib import admin
from django.urls import include, path

from masthead.api import urls as api_urls
from masthead.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz),
    path("readyz", core_views.readyz),
    # Readers' pages first: Django tries patterns in order, and the article
    # page is the busiest address on the site.
    path("", include("masthead.newsroom.urls")),
    path("admin/", admin.site.urls),
    # Accounts here have no phone number (sign-in is by e-mail), yet allauth
    # mounts its phone endpoint, which fails (a 500) on every call: not offered.
    path("api/auth/app/v1/account/phone", api_urls.not_found),
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
    path("", include("masthead.devices.urls")),
    path("", include("masthead.gifts.urls")),
    path("desk/experiments/", include("masthead.experiments.urls")),
    path("desk/", include("masthead.desk.urls")),
    path("favicon.ico", core_views.favicon),
    path("robots.txt", core_views.robots_txt),
    path("", include("masthead.subscriptions.urls")),
]

handler403 = "masthead.core.views.permission_denied"
handler404 = "masthead.core.views.page_not_found"
handler500 = "masthead.core.views.server_error"
