"""The shapes of version 1's JSON. Changing a field's meaning or removing
one is a new version (v2 beside this one); adding a field is not."""

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema

from masthead.access.policy import Reason

from ..errors import ErrorOut


def errors(*statuses: int) -> dict:
    """The error responses an operation documents, all of one shape. Every
    operation may answer 400: a request holding a NUL character is refused
    before any operation runs (masthead/core/middleware.py)."""
    return dict.fromkeys((400, *statuses), ErrorOut)


class SectionRef(Schema):
    slug: str
    name: str


class SectionOut(SectionRef):
    description: str
    is_premium: bool
    always_free: bool
    url: str


class ArticleItem(Schema):
    id: int
    slug: str
    headline: str
    standfirst: str
    section: SectionRef
    published_at: datetime
    is_premium: bool
    url: str


class Paged(Schema):
    page: int
    page_size: int
    total: int
    pages: int


class ArticlePage(Paged):
    items: list[ArticleItem]


class MeterOut(Schema):
    views: int
    # This reader's limit: an anonymous reader's free articles, or with an
    # account those and the free account's extra ones.
    free_limit: int
    views_left: int


class RegistrationWallOut(Schema):
    # How many more articles this month a free account would open.
    more: int


class GiftNoteOut(Schema):
    from_: str = Field(..., alias="from")
    until: datetime


class ArticleOut(ArticleItem):
    dateline: str
    authors: list[str]
    access: Literal["full", "lead_in"]
    reason: Reason
    text: str = Field(..., description="HTML: the full body, or the lead-in, as the access decision allows.")
    meter: MeterOut | None
    registration_wall: RegistrationWallOut | None = None
    gift: GiftNoteOut | None
    gift_problem: str | None = Field(None, description="Why a gift link in ?gift= was not honoured.")


class SearchResultOut(Schema):
    article: ArticleItem
    headline_html: str
    standfirst_html: str
    snippet_html: str = Field(..., description="Cut only from text this reader may read; query words in <mark>.")
    full_text: bool


class SearchPage(Paged):
    query: str
    capped: bool
    items: list[SearchResultOut]


class EditionOut(Schema):
    date: date
    page_count: int
    url: str


class EditionPage(Paged):
    items: list[EditionOut]


class EditionPageOut(Schema):
    number: int
    width: int
    height: int
    readable: bool
    image_url: str
    thumbnail_url: str


class EditionDetailOut(Schema):
    date: date
    page_count: int
    pages: list[EditionPageOut]


class MoneyOut(Schema):
    minor: int = Field(..., description="In minor units (paise for INR).")
    currency: str
    display: str


class PlanOut(Schema):
    slug: str
    name: str
    price: MoneyOut
    term_months: int
    term_label: str
    per_month: MoneyOut
    is_featured: bool


class BenefitOut(Schema):
    title: str
    description: str


class PlansOut(Schema):
    plans: list[PlanOut]
    benefits: list[BenefitOut]


class SubscriptionOut(Schema):
    plan: str
    plan_slug: str
    status: str
    term_end: datetime | None
    # True while the subscription is in its trial (term_end is then the trial's end).
    in_trial: bool = False


class AccountOut(Schema):
    email: str
    name: str
    subscriber: bool
    subscription: SubscriptionOut | None


class NewsletterOut(Schema):
    slug: str
    name: str
    description: str
    topic: str
    subscribers_only: bool
    chosen: bool
    offered: bool


class NewslettersIn(Schema):
    newsletters: list[str] = Field(..., max_length=100, description="Slugs: exactly the newsletters wanted.")


class DeviceOut(Schema):
    id: int
    name: str
    kind: Literal["web", "app"]
    signed_in_at: datetime
    last_seen_at: datetime
    location: str
    is_current: bool


class GiftAllowanceOut(Schema):
    allowed: int
    used: int
    left: int
    renews_on: datetime


class GiftSentOut(Schema):
    article: ArticleItem
    url: str
    created_at: datetime
    expires_at: datetime
    opened_count: int


class GiftsOut(Schema):
    allowance: GiftAllowanceOut
    sent: list[GiftSentOut]


class GiftIn(Schema):
    article: str = Field(..., max_length=200, description="The article's slug.")


class GiftCreatedOut(Schema):
    url: str = Field(..., description="The link to share: opens the article in full for anyone until it expires.")
    article: ArticleItem
    expires_at: datetime
    allowance: GiftAllowanceOut


class PlanRef(Schema):
    slug: str
    name: str


class SubscriptionStateOut(SubscriptionOut):
    """The signed-in reader's subscription as the account page shows it."""

    pause_until: datetime | None = Field(None, description="When a pause (to come or begun) ends and the subscription renews.")
    next_plan: PlanRef | None = Field(None, description="The plan scheduled for the renewal, if the reader changed plan.")
    renewal_price: MoneyOut | None = Field(None, description="What the next renewal charges; null when none is coming.")


class SubscriptionDoneOut(Schema):
    """What changed, and the sentence the account page would show for it."""

    message: str
    subscription: SubscriptionStateOut


class PaymentOut(Schema):
    status: Literal["succeeded", "pending"]
    amount: MoneyOut


class ChargedOut(SubscriptionDoneOut):
    payment: PaymentOut


class PauseIn(Schema):
    # Not bounded here: a length outside staff's limits is refused with the pause page's sentence.
    months: int = Field(..., description="How long to pause for, in months, within the limits staff set.")


class PlanChoiceIn(Schema):
    plan: str = Field(..., min_length=1, max_length=80, description="The slug of a plan on sale.")


class UpgradeIn(PlanChoiceIn):
    due_minor: int = Field(
        ..., ge=0, description="What the app showed as due today (the option's due.minor): a different amount is refused."
    )


class PlanOptionOut(Schema):
    plan: PlanOut
    upgrade_now: bool = Field(..., description="True: an upgrade charged today (due, credit); false: a switch at the renewal.")
    due: MoneyOut | None
    credit: MoneyOut | None
    switch_on: datetime | None = Field(None, description="When a switch at the renewal takes effect.")


class CancelIn(Schema):
    reason: str = Field("", description="Optional: one of the cancel page's reasons (too_expensive, not_reading, …).")
    note: str = Field("", description="Optional: the reader's own words.")
