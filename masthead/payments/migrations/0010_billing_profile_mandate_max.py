from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('payments', '0009_upi_autopay'),
    ]

    operations = [
        migrations.AddField(
            model_name='billingprofile',
            name='mandate_max_minor',
            field=models.PositiveIntegerField(blank=True, help_text="The most the saved method's mandate lets the provider debit at a time (paise), as the bank registered it. Empty: no limit recorded (a card saved without one, or saved before limits were kept).", null=True),
        ),
    ]
