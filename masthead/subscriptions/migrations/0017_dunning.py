"""Dunning: a subscription whose saved card stopped working needs a new card
(a status of its own), and Business staff set the days a failed renewal is
retried (the group gets viewing and changing the retry settings, as for the
pause settings)."""

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

GROUP = "Business"
CODENAMES = ["view_retrysettings", "change_retrysettings"]


def business_may_set_it(apps, schema_editor):
    # Permissions are normally made after migrate has finished; the group needs them now.
    create_permissions(global_apps.get_app_config("subscriptions"), apps=apps, verbosity=0)
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is None:
        return  # staff removed the group: there is no one to give them to
    Permission = apps.get_model("auth", "Permission")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="subscriptions", codename__in=CODENAMES))


def business_may_not(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        Permission = apps.get_model("auth", "Permission")
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="subscriptions", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):

    dependencies = [
        ('subscriptions', '0016_winback'),
        ('accounts', '0004_staff_groups'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='RetrySettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('retry_days', models.CharField(blank=True, help_text='Days after the term\'s end on which a declined renewal is charged again, e.g. "1, 3, 5": each later than the one before, all inside the grace period. Empty: the site\'s default (MASTHEAD_RENEWAL_RETRY_DAYS).', max_length=60, verbose_name='retry after (days)')),
            ],
            options={
                'verbose_name': 'renewal retry settings',
                'verbose_name_plural': 'renewal retry settings',
            },
        ),
        migrations.RemoveConstraint(
            model_name='subscription',
            name='one_live_subscription_per_reader',
        ),
        migrations.AlterField(
            model_name='subscription',
            name='status',
            field=models.CharField(choices=[('pending', 'Awaiting first payment'), ('active', 'Active'), ('past_due', 'Renewal payment failed (grace period)'), ('cancelling', 'Cancelled, active until the end of the term'), ('ended', 'Ended'), ('lapsed', 'Lapsed (renewal not paid)'), ('refunded', 'Refunded'), ('comp', 'Complimentary'), ('gift', 'Gift, ends at the end of the term'), ('paused', 'Paused'), ('needs_card', 'Needs a new card')], default='pending', max_length=12),
        ),
        migrations.AlterField(
            model_name='subscriptionevent',
            name='from_status',
            field=models.CharField(choices=[('pending', 'Awaiting first payment'), ('active', 'Active'), ('past_due', 'Renewal payment failed (grace period)'), ('cancelling', 'Cancelled, active until the end of the term'), ('ended', 'Ended'), ('lapsed', 'Lapsed (renewal not paid)'), ('refunded', 'Refunded'), ('comp', 'Complimentary'), ('gift', 'Gift, ends at the end of the term'), ('paused', 'Paused'), ('needs_card', 'Needs a new card')], max_length=12),
        ),
        migrations.AlterField(
            model_name='subscriptionevent',
            name='reason',
            field=models.CharField(choices=[('first_payment', 'First payment succeeded'), ('checkout_replaced', 'Replaced by a new checkout'), ('comp_granted', 'Complimentary subscription granted by staff'), ('cancelled_by_reader', 'Cancelled by the reader'), ('resumed_by_reader', 'Resumed by the reader'), ('term_over', 'Term over'), ('renewed', 'Renewal paid'), ('renewal_failed', 'Renewal payment declined'), ('renewal_not_chargeable', 'Renewal could not be charged (no saved card, or its provider is off)'), ('renewal_never_settled', 'Renewal not settled before its window ended'), ('grace_over', 'Grace period over, renewal unpaid'), ('refunded_by_staff', 'Refunded by staff'), ('provider_renewal_failed', 'Renewal failed at the provider'), ('provider_halted', 'The provider stopped retrying the renewal'), ('provider_cancelled', 'Cancelled at the provider'), ('trial_started', 'Trial started (card or mandate saved)'), ('gift_redeemed', 'Gift subscription redeemed'), ('offer_hold_expired', 'Unpaid checkout ended: its offer went to another reader'), ('paused_by_reader', 'Paused by the reader from the end of the paid term'), ('pause_undone', 'Pause undone by the reader before it began'), ('pause_over', 'Pause over: renewal paid'), ('resumed_early', 'Resumed by the reader before the pause ended: renewal paid'), ('save_discount_taken', 'Stayed on the cancel page: a discount on the next renewal'), ('plan_upgraded', 'Plan upgraded by the reader: a new term paid now, unused days credited'), ('plan_change_scheduled', 'Plan change to take effect at the next renewal'), ('plan_change_undone', 'Scheduled plan change undone by the reader'), ('plan_changed_at_renewal', "Renewal paid at the new plan's price: plan changed"), ('card_unusable', 'The saved card or mandate stopped working at the provider'), ('card_replaced', 'A new card was saved')], max_length=60),
        ),
        migrations.AlterField(
            model_name='subscriptionevent',
            name='to_status',
            field=models.CharField(choices=[('pending', 'Awaiting first payment'), ('active', 'Active'), ('past_due', 'Renewal payment failed (grace period)'), ('cancelling', 'Cancelled, active until the end of the term'), ('ended', 'Ended'), ('lapsed', 'Lapsed (renewal not paid)'), ('refunded', 'Refunded'), ('comp', 'Complimentary'), ('gift', 'Gift, ends at the end of the term'), ('paused', 'Paused'), ('needs_card', 'Needs a new card')], max_length=12),
        ),
        migrations.AddConstraint(
            model_name='subscription',
            constraint=models.UniqueConstraint(condition=models.Q(('status__in', ('pending', 'active', 'past_due', 'cancelling', 'comp', 'gift', 'paused', 'needs_card'))), fields=('user',), name='one_live_subscription_per_reader'),
        ),
        migrations.RunPython(business_may_set_it, business_may_not),
    ]
