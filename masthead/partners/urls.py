from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("account/partners/<slug:slug>/claim/", views.claim, name="claim"),
]
