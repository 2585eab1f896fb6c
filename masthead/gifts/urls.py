from django.urls import path

from . import views

app_name = "gifts"

urlpatterns = [
    path("articles/<slug:slug>/gift/", views.create, name="create"),
]
