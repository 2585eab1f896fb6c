"""The newsletters a new publication starts with; staff rename or add in the admin."""

from django.db import migrations

NEWSLETTERS = [
    ("Markets", "markets", "Stocks, bonds, currencies and commodities",
     "The day's market moves and what drove them, before the opening bell.", True, 1),
    ("Finance", "finance", "Banking, personal finance and the economy",
     "Rates, banks, taxes and your money, every weekday evening.", True, 2),
    ("Politics", "politics", "Parliament, policy and elections",
     "What happened in politics this week and why it matters.", False, 3),
    ("Tech", "tech", "Technology and start-ups",
     "The companies, products and rules shaping technology.", False, 4),
]  # fmt: skip


def seed(apps, schema_editor):
    Newsletter = apps.get_model("newsletters", "Newsletter")
    for name, slug, topic, description, subscribers_only, position in NEWSLETTERS:
        Newsletter.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name, "topic": topic, "description": description,
                "subscribers_only": subscribers_only, "position": position,
            },
        )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("newsletters", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
