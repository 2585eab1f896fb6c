"""Each partner gets its own claim period; every existing partner keeps
today's (once per term), and each code claimed so far is marked with the
term it used up, so the database's one-per-period rule covers it too."""

from django.conf import settings
from django.db import migrations, models
from django.db.models import F, Value
from django.db.models.functions import Cast, Concat


def claims_mark_their_term(apps, schema_editor):
    PartnerCode = apps.get_model("partners", "PartnerCode")
    PartnerCode.objects.filter(subscription__isnull=False, term_number__isnull=False).update(
        period_key=Concat(
            Value("term:"), Cast("subscription_id", models.CharField()), Value(":"), Cast(F("term_number"), models.CharField()),
            output_field=models.CharField(),
        )
    )


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='partnercode',
            name='partner_code_one_per_term',
        ),
        migrations.AddField(
            model_name='partner',
            name='claim_period',
            field=models.CharField(choices=[('term', 'Once per term'), ('year', 'Once per year of subscription'), ('subscriber', 'Once per subscriber')], default='term', help_text="How often a subscriber may claim a code. Per term suits a benefit as long as a term; a year's access suits once per year of subscription (years counted from the subscriber's first start, across renewals and plans).", max_length=12, verbose_name='how often'),
        ),
        migrations.AddField(
            model_name='partnercode',
            name='period_key',
            field=models.CharField(blank=True, default='', help_text='The period this claim used up (partners/policy.py).', max_length=40),
        ),
        migrations.RunPython(claims_mark_their_term, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='partnercode',
            constraint=models.UniqueConstraint(condition=models.Q(('period_key', ''), _negated=True), fields=('partner', 'claimed_by', 'period_key'), name='partner_code_one_per_period'),
        ),
    ]
