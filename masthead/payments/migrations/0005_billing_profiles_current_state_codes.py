"""Billing profiles move to today's GST state codes: Daman and Diu (25) is
part of Dadra and Nagar Haveli and Daman and Diu (26) since 26 January 2020,
and Andhra Pradesh's code is 37 since it was divided in 2014 (28 was the
undivided state's). The reader's next invoice then names the place of supply
GST knows today.

Only profiles move: issued invoices are legal records and keep the code they
were issued with. A GSTIN is left as it is (it is the business's own
registration); one still of the old code is refused when the next invoice is
issued, and the payment's note asks staff to correct it.
"""

from django.db import migrations

CODE_NOW = {"25": "26", "28": "37"}


def profiles_to_current_codes(apps, schema_editor):
    BillingProfile = apps.get_model("payments", "BillingProfile")
    for old, current in CODE_NOW.items():
        BillingProfile.objects.filter(state_code=old).update(state_code=current)


class Migration(migrations.Migration):
    dependencies = [
        ("payments", "0004_payment_receipt_sent_at"),
    ]

    # Nothing to undo: a profile on a current code is right either way.
    operations = [migrations.RunPython(profiles_to_current_codes, migrations.RunPython.noop)]
