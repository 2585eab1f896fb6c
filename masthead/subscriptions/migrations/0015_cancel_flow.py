"""The cancel page's offer and the answers readers give there. Business
staff choose the offer (viewing and changing its settings, as for pauses)
and read the answers (viewing only: the cancel page is their only writer)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


GROUP = "Business"
CODENAMES = ["view_saveoffersettings", "change_saveoffersettings", "view_cancelanswer"]


def business_may_set_and_read_it(apps, schema_editor):
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
        ('subscriptions', '0014_plan_changes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CancelAnswer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.CharField(blank=True, choices=[('too_expensive', 'It is too expensive'), ('not_reading', 'I am not reading enough'), ('news_elsewhere', 'I found my news elsewhere'), ('site_problem', 'A problem with the site'), ('break', 'I am taking a break'), ('other', 'Something else')], max_length=20)),
                ('text', models.CharField(blank=True, max_length=500)),
                ('offer_shown', models.CharField(blank=True, choices=[('pause', 'Pause instead'), ('discount', 'A discount on the next renewal')], max_length=12)),
                ('outcome', models.CharField(choices=[('cancelled', 'Cancelled'), ('offer_accepted', 'Offer accepted')], max_length=16)),
                ('at', models.DateTimeField()),
            ],
            options={
                'verbose_name': 'cancel page answer',
                'ordering': ['-at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='SaveOfferSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('kind', models.CharField(blank=True, choices=[('pause', 'Pause instead'), ('discount', 'A discount on the next renewal')], help_text='Leave empty to offer nothing: the page then asks only why the reader is leaving.', max_length=12, verbose_name='offer')),
                ('pause_months', models.PositiveSmallIntegerField(default=1, help_text="For “Pause instead”: within the pause settings' shortest and longest pause. Readers who may not pause (a pause this year already, a trial) are not offered it.", validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(12)], verbose_name='pause for (months)')),
            ],
            options={
                'verbose_name': 'cancel page offer',
                'verbose_name_plural': 'cancel page offer',
            },
        ),
        migrations.AddField(
            model_name='subscription',
            name='save_offer',
            field=models.ForeignKey(blank=True, help_text='The offer taken on the cancel page, if any.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='saved_subscriptions', to='subscriptions.offer'),
        ),
        migrations.AddField(
            model_name='subscription',
            name='save_price_minor',
            field=models.PositiveIntegerField(blank=True, help_text="That term's price (paise).", null=True),
        ),
        migrations.AddField(
            model_name='subscription',
            name='save_term',
            field=models.PositiveIntegerField(blank=True, help_text='The one term that offer discounts.', null=True),
        ),
        migrations.AlterField(
            model_name='subscriptionevent',
            name='reason',
            field=models.CharField(choices=[('first_payment', 'First payment succeeded'), ('checkout_replaced', 'Replaced by a new checkout'), ('comp_granted', 'Complimentary subscription granted by staff'), ('cancelled_by_reader', 'Cancelled by the reader'), ('resumed_by_reader', 'Resumed by the reader'), ('term_over', 'Term over'), ('renewed', 'Renewal paid'), ('renewal_failed', 'Renewal payment declined'), ('renewal_not_chargeable', 'Renewal could not be charged (no saved card, or its provider is off)'), ('renewal_never_settled', 'Renewal not settled before its window ended'), ('grace_over', 'Grace period over, renewal unpaid'), ('refunded_by_staff', 'Refunded by staff'), ('provider_renewal_failed', 'Renewal failed at the provider'), ('provider_halted', 'The provider stopped retrying the renewal'), ('provider_cancelled', 'Cancelled at the provider'), ('trial_started', 'Trial started (card or mandate saved)'), ('gift_redeemed', 'Gift subscription redeemed'), ('offer_hold_expired', 'Unpaid checkout ended: its offer went to another reader'), ('paused_by_reader', 'Paused by the reader from the end of the paid term'), ('pause_undone', 'Pause undone by the reader before it began'), ('pause_over', 'Pause over: renewal paid'), ('resumed_early', 'Resumed by the reader before the pause ended: renewal paid'), ('save_discount_taken', 'Stayed on the cancel page: a discount on the next renewal'), ('plan_upgraded', 'Plan upgraded by the reader: a new term paid now, unused days credited'), ('plan_change_scheduled', 'Plan change to take effect at the next renewal'), ('plan_change_undone', 'Scheduled plan change undone by the reader'), ('plan_changed_at_renewal', "Renewal paid at the new plan's price: plan changed")], max_length=60),
        ),
        migrations.AddConstraint(
            model_name='subscription',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('save_offer__isnull', True), ('save_price_minor__isnull', True), ('save_term__isnull', True)), models.Q(('save_offer__isnull', False), ('save_price_minor__gte', 100), ('save_term__gte', 1)), _connector='OR'), name='subscription_save_discount_whole'),
        ),
        migrations.AddField(
            model_name='cancelanswer',
            name='offer',
            field=models.ForeignKey(blank=True, help_text='The discount shown, if one was.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='subscriptions.offer'),
        ),
        migrations.AddField(
            model_name='cancelanswer',
            name='subscription',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='cancel_answers', to='subscriptions.subscription'),
        ),
        migrations.AddField(
            model_name='saveoffersettings',
            name='discount_offer',
            field=models.ForeignKey(blank=True, help_text='For “A discount on the next renewal”: its percentage or amount comes off the next renewal only, once per subscription. Its window, switch, limit and plans apply as at checkout; its number of terms does not.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='subscriptions.offer'),
        ),
        migrations.RunPython(business_may_set_and_read_it, business_may_not),
    ]
