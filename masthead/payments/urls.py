from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path("payments/<slug:provider>/webhook/", views.webhook, name="webhook"),
]
