from django.urls import path

from . import views

app_name = "gifts"

urlpatterns = [
    path("gift/", views.buy, name="buy"),
    path("gift/redeem/", views.redeem, name="redeem"),
    path("gift/<int:gift_id>/pay/", views.pay, name="pay"),
    path("gift/<int:gift_id>/pay/confirm/", views.pay_confirm, name="pay-confirm"),
    path("gift/<int:gift_id>/", views.bought, name="bought"),
    path("gift/<int:gift_id>/resend/", views.resend, name="resend"),
]
