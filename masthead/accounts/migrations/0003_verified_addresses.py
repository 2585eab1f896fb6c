"""E-mail verification became mandatory (so sign-up cannot reveal who has an
account). Readers who already have accounts have been signing in with their
address; they are not made to confirm it again at their next sign-in."""

from django.db import migrations

import masthead.accounts.models


def vouch_for_existing_addresses(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    recorded = EmailAddress.objects.values("user_id")
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user_id=user_id, email=email, verified=True, primary=True)
            for user_id, email in User.objects.exclude(email="").exclude(pk__in=recorded).values_list("pk", "email")
        ],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_user_complimentary_access"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [
        migrations.AlterModelManagers(
            name="user",
            managers=[("objects", masthead.accounts.models.UserManager())],
        ),
        migrations.RunPython(vouch_for_existing_addresses, migrations.RunPython.noop),
    ]
