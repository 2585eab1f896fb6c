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
    path("account/plan/", views.plan_change, name="plan-change"),
    path("account/plan/keep/", views.plan_keep, name="plan-keep"),
    path("account/plan/<slug:slug>/", views.plan_change_confirm, name="plan-change-confirm"),
    path("account/name/", views.name, name="name"),
    path("account/mail/again/", views.mail_again, name="mail-again"),
]
