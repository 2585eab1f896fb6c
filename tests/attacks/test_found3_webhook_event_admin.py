"""WebhookEventAdmin is documented read-only, and the stored event is what
makes a replayed body a no-op (a Razorpay body carries no timestamp, so a
captured one can be sent again at any time). Staff given the model's
permissions can still delete rows through the admin, which re-opens replay;
PaymentAdmin and BillingProfileAdmin refuse delete outright, this one must too."""

import pytest
from django.contrib.auth.models import Permission

from masthead.payments.models import WebhookEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def support(client, django_user_model):
    user = django_user_model.objects.create_user(username="support", email="s@example.test", password="x" * 20, is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="payments", codename__in=["view_webhookevent", "change_webhookevent", "delete_webhookevent"])
    )
    client.force_login(user)
    return user


@pytest.fixture
def event():
    return WebhookEvent.objects.create(
        provider="razorpay", event_id="payment.captured:" + "a" * 40, event_type="payment.captured", payload={"event": "payment.captured"}
    )


def test_the_delete_page_of_a_webhook_event_is_refused(client, support, event):
    response = client.post(f"/admin/payments/webhookevent/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert WebhookEvent.objects.filter(pk=event.pk).exists()


def test_the_bulk_delete_action_does_not_remove_webhook_events(client, support, event):
    client.post("/admin/payments/webhookevent/", {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"})
    assert WebhookEvent.objects.filter(pk=event.pk).exists()


def test_a_webhook_event_cannot_be_changed(client, support, event):
    client.post(f"/admin/payments/webhookevent/{event.pk}/change/", {"event_id": "other", "outcome": "applied", "reason": "x"})
    event.refresh_from_db()
    assert (event.event_id, event.outcome, event.reason) == ("payment.captured:" + "a" * 40, "received", "")
