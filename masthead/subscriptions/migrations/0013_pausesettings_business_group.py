"""Business staff set how long and how often subscribers may pause, as they
set the gift allowance: the group gets viewing and changing the pause settings."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Business"
CODENAMES = ["view_pausesettings", "change_pausesettings"]


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
        ("subscriptions", "0012_pauses"),
        ("accounts", "0004_staff_groups"),
    ]

    operations = [migrations.RunPython(business_may_set_it, business_may_not)]
