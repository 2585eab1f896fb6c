from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("masthead.subscriptions.urls")),
    path("", include("masthead.newsroom.urls")),
]

handler404 = "masthead.core.views.page_not_found"
handler500 = "masthead.core.views.server_error"
