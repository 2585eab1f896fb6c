"""Support reads credit notes as it reads invoices: the group gets viewing
them (the staff groups themselves are made by accounts' 0004_staff_groups,
whose lists stay as they were)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Support"
CODENAMES = ["view_creditnote"]


def support_may_read_them(apps, schema_editor):
    # Permissions are normally made after migrate has finished; the group needs them now.
    create_permissions(global_apps.get_app_config("invoicing"), apps=apps, verbosity=0)
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is None:
        return  # staff removed the group: there is no one to give it to
    Permission = apps.get_model("auth", "Permission")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="invoicing", codename__in=CODENAMES))


def support_may_not(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        Permission = apps.get_model("auth", "Permission")
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="invoicing", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [
        ("invoicing", "0004_credit_notes"),
        ("accounts", "0004_staff_groups"),
    ]

    operations = [migrations.RunPython(support_may_read_them, support_may_not)]
