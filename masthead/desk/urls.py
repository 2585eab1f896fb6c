from django.urls import path

from . import views

app_name = "desk"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("funnel/", views.funnel, name="funnel"),
    path("retention/", views.retention, name="retention"),
    path("offers/", views.offers, name="offers"),
]
