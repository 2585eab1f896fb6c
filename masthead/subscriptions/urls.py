from django.urls import path

from . import views

app_name = "subscriptions"

urlpatterns = [
    path("subscribe/", views.plans, name="plans"),
    path("subscribe/pay/", views.pay, name="pay"),
    path("subscribe/pay/confirm/", views.pay_confirm, name="pay-confirm"),
    path("subscribe/offer/<str:key>/", views.offer, name="offer"),
    path("subscribe/welcome/", views.welcome, name="welcome"),
    path("subscribe/back/<str:token>/", views.winback_link, name="winback"),
    path("mail/stop/<str:token>/", views.mail_stop_link, name="mail-stop"),
    path("account/card/", views.change_card, name="change-card"),
    path("subscribe/<slug:slug>/", views.checkout, name="checkout"),
]
