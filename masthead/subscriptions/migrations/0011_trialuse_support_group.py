"""Support answers "why did I get no trial?": the group may view the trials
readers took (read-only in the admin, card fingerprints shortened). (The
staff groups themselves are made by accounts' 0004_staff_groups, whose lists
stay as they were.)"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Support"
CODENAMES = ["view_trialuse"]


def support_may_view_trials(apps, schema_editor):
    # Permissions are normally made after migrate has finished; the group needs them now.
    create_permissions(global_apps.get_app_config("subscriptions"), apps=apps, verbosity=0)
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is None:
        return  # staff removed the group: there is no one to give them to
    Permission = apps.get_model("auth", "Permission")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="subscriptions", codename__in=CODENAMES))


def support_may_not(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        Permission = apps.get_model("auth", "Permission")
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="subscriptions", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [
        ("subscriptions", "0010_event_reasons_for_gifts_trials_and_offers"),
        ("accounts", "0004_staff_groups"),
    ]

    operations = [migrations.RunPython(support_may_view_trials, support_may_not)]
