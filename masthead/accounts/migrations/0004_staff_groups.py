"""The three staff groups, so a new site needs no superuser for everyday work.

Newsroom writes and publishes; Business sets the meter, the plans and what is
sold around the stories; Support looks after readers' subscriptions and money.
docs/deploy.md ("Roles") explains each list.

Staff roles are the accounts app's: it sits above every app whose
permissions it names. (Sites migrated before this lived here ran the same
migration as core's 0001_staff_groups; it is written to run again safely.)

The lists are frozen here, as a migration must be: a permission added later
joins a group through a migration of its own. Running this again (or on a
site where staff already made these groups) only adds what is missing; it
never takes away a permission someone gave a group by hand.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations


def _all(app_label: str, *model_names: str) -> list[str]:
    return [f"{app_label}.{action}_{model}" for model in model_names for action in ("add", "change", "delete", "view")]


STAFF_GROUPS = {
    "Newsroom": [
        *_all("newsroom", "section", "author", "agency", "article", "upcomingarticle"),
        "newsroom.publish_article",
        *_all("epaper", "edition"),
        "epaper.render_edition",
        *_all("newsletters", "newsletter", "issue", "issuearticle"),
        "newsletters.send_issue",
        "newsletters.view_issueevent",
        "newsletters.view_delivery",
    ],
    "Business": [
        "metering.view_metersettings",
        "metering.change_metersettings",
        "metering.view_funnelevent",
        *_all("subscriptions", "plan", "benefit"),
        *_all("ads", "adslot"),
        *_all("partners", "partner", "partnercode"),
    ],
    "Support": [
        "accounts.view_user",
        "account.view_emailaddress",
        "subscriptions.view_plan",
        "subscriptions.view_subscription",
        # Granting a complimentary subscription is the admin's only "add".
        "subscriptions.add_subscription",
        "subscriptions.run_billing_clock",
        "subscriptions.view_subscriptionevent",
        "payments.view_payment",
        "payments.refund_payment",
        "payments.view_billingprofile",
        "payments.change_billingprofile",
        "payments.view_webhookevent",
        "invoicing.view_invoice",
    ],
}


def staff_groups_create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = {name for names in STAFF_GROUPS.values() for name in names}
    # Permissions are normally made after migrate has finished; these groups
    # need them now, on a fresh database too.
    for app_label in sorted({name.split(".")[0] for name in wanted}):
        create_permissions(global_apps.get_app_config(app_label), apps=apps, verbosity=0)
    by_name = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.values_list("pk", "content_type__app_label", "codename")
    }
    missing = wanted - by_name.keys()
    if missing:
        raise RuntimeError(f"Permissions for the staff groups do not exist: {sorted(missing)}")
    for group_name, names in STAFF_GROUPS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*(by_name[name] for name in names))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("account", "0009_emailaddress_unique_primary_email"),
        ("accounts", "0003_verified_addresses"),
        ("newsroom", "0004_article_publish_permission"),
        ("epaper", "0002_edition_render_permission"),
        ("newsletters", "0003_issue_send_permission"),
        ("metering", "0004_metersettings_devices_per_account"),
        ("subscriptions", "0005_subscription_run_billing_clock_permission"),
        ("ads", "0001_initial"),
        ("partners", "0001_initial"),
        ("payments", "0003_payment_refund_permission"),
        ("invoicing", "0001_initial"),
    ]

    # Groups are left in place on the way back: staff may belong to them.
    operations = [migrations.RunPython(staff_groups_create, migrations.RunPython.noop)]
