"""One demo login per staff role, a reader and a subscriber, with published passwords."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from masthead.demo.subscriber import demo_subscription_ensure


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
    # A reader with a paid subscription (demo/subscriber.py).
    subscribes: bool = False


DEMO_LOGINS = (
    DemoLogin(
        "editor", "editor@masthead.test", "demo-editor-pass",
        "Newsroom staff (/admin/): articles, publishing, e-paper, newsletters", group="Newsroom",
    ),
    DemoLogin(
        "business", "business@masthead.test", "demo-business-pass",
        "Business staff: the business desk (/desk/); in /admin/ meter settings, plans, offers, benefits, ad slots, partners, funnel",
        group="Business",
    ),
    DemoLogin(
        "support", "support@masthead.test", "demo-support-pass",
        "Support staff (/admin/): subscriptions, trials taken, gifts, payments and refunds, invoices", group="Support",
    ),
    DemoLogin("reader", "reader@masthead.test", "demo-reader-pass", "a reader without a subscription (meets the meter)"),
    DemoLogin(
        "subscriber", "subscriber@masthead.test", "demo-subscriber-pass",
        "a subscriber (no ads, no meter; a payment and its tax invoice on the account page)", subscribes=True,
    ),
)  # fmt: skip


def demo_allowed() -> bool:
    """Demo logins have published passwords: never in production."""
    return not settings.PRODUCTION


def demo_logins_to_print() -> tuple[DemoLogin, ...]:
    """The logins `make run` prints: none where the demo is refused."""
    return DEMO_LOGINS if demo_allowed() else ()


def demo_users_ensure() -> None:
    """Every demo login, made if missing, each staff login in its own group
    only and never a superuser: the demo shows what each role can do. The
    subscriber's subscription is made if it has none going.

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
        if login.subscribes:
            demo_subscription_ensure(user=user)
