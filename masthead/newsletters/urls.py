from django.urls import path

from . import views

app_name = "newsletters"

urlpatterns = [
    path("account/newsletters/", views.choose, name="choose"),
    path("newsletters/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
