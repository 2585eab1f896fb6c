"""The demo publication: original sample content, plans and users.

Everything here is written for the project (see newsroom/demo/writer.py) and
is deterministic, so two machines loading the demo see the same site.
"""

import random
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.epaper.demo import demo_editions_load
from masthead.newsroom.demo import writer
from masthead.newsroom.models import Agency, Article, ArticleStatus, Author, Section
from masthead.partners.models import Partner
from masthead.partners.services import partner_codes_load
from masthead.subscriptions.models import Benefit, Feature, Plan


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    # What this login is for, as `make run` prints it.
    does: str
    # The staff group (accounts/migrations/0004_staff_groups.py) the login is in;
    # none for a reader.
    group: str = ""


DEMO_LOGINS = (
    DemoLogin(
        "editor", "editor@masthead.test", "demo-editor-pass",
        "Newsroom staff (/admin/): articles, publishing, e-paper, newsletters", group="Newsroom",
    ),
    DemoLogin(
        "business", "business@masthead.test", "demo-business-pass",
        "Business staff (/admin/): meter settings, plans, benefits, ad slots, partners, funnel", group="Business",
    ),
    DemoLogin(
        "support", "support@masthead.test", "demo-support-pass",
        "Support staff (/admin/): subscriptions, payments and refunds, invoices", group="Support",
    ),
    DemoLogin("reader", "reader@masthead.test", "demo-reader-pass", "a reader without a subscription (meets the meter)"),
)  # fmt: skip

DEMO_PLANS = (
    # name, slug, price in rupees, term in months, featured
    ("Smart Quarterly", "smart-quarterly", 900, 3, False),
    ("Smart Essential", "smart-essential", 2_700, 12, True),
    ("Super Saver", "super-saver", 3_900, 24, False),
)

# Each line names the feature that delivers it: a line is shown only while
# its feature has something to give (subscriptions/benefits.py).
DEMO_BENEFITS = (
    ("Exclusive premium stories online", "Premium stories every day, handpicked by our editors", Feature.PREMIUM),
    ("Complimentary partner access", "A subscription to a partner publication, included with yours", Feature.PARTNER_ACCESS),
    ("E-paper", "Digital replica of our daily newspaper — with options to read, save, and share", Feature.EPAPER),
    ("Curated newsletters", "Insights on markets, finance, politics, tech, and more delivered to your inbox", Feature.NEWSLETTERS),
    ("Market analysis & investment insights", "In-depth market analysis and insights from our analysts", Feature.MARKET_ANALYSIS),
    ("Archives", "Every story back to 1997, by date and by full-text search", Feature.ARCHIVES),
    ("Ad-free reading", "Uninterrupted reading experience with no advertisements", Feature.AD_FREE),
    ("Seamless access across all devices", "One account on mobile, tablet or PC", Feature.DEVICES),
)

def demo_is_loaded() -> bool:
    return Article.objects.exists()


@transaction.atomic
def demo_load(*, seed: int = 1997, count: int = 400) -> int:
    """Write the demo publication into an empty database; returns the number of articles."""
    now = timezone.now()
    today = local_date(now)
    sections = {
        spec.slug: Section.objects.create(
            slug=spec.slug, name=spec.name, description=spec.description, position=spec.position
        )
        for spec in writer.SECTIONS
    }
    # Market analysis is a premium section with its own landing page.
    Section.objects.filter(slug="market-analysis").update(is_premium=True)
    authors = {
        spec.slug: Author.objects.create(slug=spec.slug, name=spec.name, role=spec.role, bio=spec.bio)
        for spec in writer.AUTHORS
    }
    agencies = {spec.slug: Agency.objects.create(slug=spec.slug, name=spec.name) for spec in writer.AGENCIES}
    articles = writer.generate_articles(today=today, seed=seed, count=count, not_after=now)
    for spec in articles:
        article = Article(
            headline=spec.headline,
            slug=spec.slug,
            standfirst=spec.standfirst,
            body=spec.body,
            section=sections[spec.section_slug],
            agency=agencies[spec.agency_slug] if spec.agency_slug else None,
            dateline=spec.dateline,
            status=ArticleStatus.PUBLISHED,
            publish_at=spec.publish_at,
            is_premium=spec.is_premium,
        )
        article.save()
        if spec.author_slugs:
            article.authors.set([authors[slug] for slug in spec.author_slugs])
    for position, (name, slug, rupees, months, featured) in enumerate(DEMO_PLANS, start=1):
        Plan.objects.create(
            name=name, slug=slug, price_minor=rupees * 100, term_months=months, position=position, is_featured=featured
        )
    for position, (title, description, feature) in enumerate(DEMO_BENEFITS, start=1):
        Benefit.objects.create(title=title, description=description, feature=feature, position=position)
    _demo_partner(random.Random(seed))
    demo_users_ensure()
    # Rendered here, not on the job queue, so the e-paper reads at once after `make run`.
    demo_editions_load(today=today)
    return len(articles)


def _demo_partner(rng) -> None:
    """A partner publication with a pool of codes, so partner access works out of the box."""
    partner = Partner.objects.create(
        name="The World Review",
        slug="world-review",
        description="A year of The World Review's digital edition, included with your subscription.",
        instructions="Enter the code at the partner's redemption page and sign in or create an account there.",
        redeem_url="https://world-review.example/redeem",
        low_stock_threshold=20,
    )
    codes = "\n".join(f"WR-{rng.randrange(16**10):010X}" for _ in range(200))
    partner_codes_load(partner=partner, upload=codes.encode())


def demo_users_ensure() -> None:
    """Every demo login, made if missing, each staff login in its own group
    only and never a superuser: the demo shows what each role can do.

    Also run on a database loaded before a login was added, so every login
    `make run` prints works.
    """
    user_model = get_user_model()
    for login in DEMO_LOGINS:
        user = user_model.objects.filter(email=login.email).first()
        if user is None:
            user = user_model.objects.create_user(
                username=login.role, email=login.email, password=login.password,
                first_name="Demo", last_name=login.role.title(), is_staff=bool(login.group),
            )  # fmt: skip
        if login.group:
            user.groups.add(Group.objects.get(name=login.group))


def demo_allowed() -> bool:
    """Demo logins have published passwords: never in production."""
    return not settings.PRODUCTION
