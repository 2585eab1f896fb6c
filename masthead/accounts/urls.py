from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("account/", views.account, name="account"),
    path("account/cancel/", views.cancel, name="cancel"),
    path("account/resume/", views.resume, name="resume"),
    path("account/pause/", views.pause, name="pause"),
    path("account/pause/undo/", views.pause_undo, name="pause-undo"),
    path("account/pause/resume/", views.pause_resume, name="pause-resume"),
    path("account/name/", views.name, name="name"),
]
