from django.urls import path

from . import views

app_name = "devices"

urlpatterns = [
    path("account/devices/<int:device_id>/sign-out/", views.sign_out, name="sign-out"),
]
