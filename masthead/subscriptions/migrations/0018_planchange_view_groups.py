"""Support answers "what was I charged when I changed plan?", and Business
reads what upgrades brought in: both groups may view the upgrades readers
made (read-only in the admin). (The staff groups themselves are made by
accounts' 0004_staff_groups, whose lists stay as they were.)"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Support", "Business"]
CODENAMES = ["view_planchange"]


def groups_may_view_upgrades(apps, schema_editor):
    # Permissions are normally made after migrate has finished; the groups need them now.
    create_permissions(global_apps.get_app_config("subscriptions"), apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="subscriptions", codename__in=CODENAMES)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def groups_may_not(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="subscriptions", codename__in=CODENAMES)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("subscriptions", "0017_dunning"),
        ("accounts", "0004_staff_groups"),
    ]

    operations = [migrations.RunPython(groups_may_view_upgrades, groups_may_not)]
