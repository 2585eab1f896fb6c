"""E-mail verification became mandatory (so sign-up cannot reveal who has an
account). Readers who already have accounts have been signing in with their
address; they are not made to confirm it again at their next sign-in.

And the default layout's cache became a database table (login limits shared
by every web process), made here so that `migrate` is the only deploy step.
"""

from django.core.management import call_command
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


def create_cache_table(apps, schema_editor):
    # Creates the tables of database caches only, and only those missing.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


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
        migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=True),
    ]
