import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone


def gifts_onto_their_terms(apps, schema_editor):
    """Links still valid learn the term they were made in: the giver's
    subscription that had started by then and not yet ended, and its current
    term, or the one before when the gift predates the current term's start (a
    gift lasts 14 days, a term at least a month, so at most one renewal came
    between)."""
    GiftLink = apps.get_model("gifts", "GiftLink")
    Subscription = apps.get_model("subscriptions", "Subscription")
    for gift in GiftLink.objects.filter(expires_at__gt=timezone.now(), subscription__isnull=True).iterator():
        subscription = (
            Subscription.objects.filter(user_id=gift.giver_id, started_at__lte=gift.created_at, term_number__gte=1)
            .exclude(ended_at__lt=gift.created_at)
            .order_by("-started_at")
            .first()
        )
        if subscription is None:
            continue  # given under complimentary access: no paid term to take it back
        in_current_term = subscription.term_start is None or subscription.term_start <= gift.created_at
        gift.subscription_id = subscription.pk
        gift.term_number = subscription.term_number if in_current_term else max(subscription.term_number - 1, 1)
        gift.save(update_fields=["subscription", "term_number"])


class Migration(migrations.Migration):

    dependencies = [
        ('gifts', '0001_initial'),
        ('subscriptions', '0005_subscription_run_billing_clock_permission'),
    ]

    operations = [
        migrations.AddField(
            model_name='giftlink',
            name='subscription',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='gift_links', to='subscriptions.subscription'),
        ),
        migrations.AddField(
            model_name='giftlink',
            name='term_number',
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(gifts_onto_their_terms, migrations.RunPython.noop),
    ]
