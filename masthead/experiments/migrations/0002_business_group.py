"""Business staff run experiments: the group gets the experiments' admin
permissions, as it got the desk's and the meter's."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Business"
CODENAMES = [f"{action}_{model}" for model in ("experiment", "arm") for action in ("add", "change", "delete", "view")]


def business_may_run_them(apps, schema_editor):
    # Permissions are normally made after migrate has finished; the group needs them now.
    create_permissions(global_apps.get_app_config("experiments"), apps=apps, verbosity=0)
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is None:
        return  # staff removed the group: there is no one to give it to
    Permission = apps.get_model("auth", "Permission")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="experiments", codename__in=CODENAMES))


def business_may_not(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        Permission = apps.get_model("auth", "Permission")
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="experiments", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [
        ("experiments", "0001_initial"),
        ("accounts", "0004_staff_groups"),
    ]

    operations = [migrations.RunPython(business_may_run_them, business_may_not)]
