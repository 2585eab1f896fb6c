"""Experiments for tests, and readers whose arm is known in advance."""

import hashlib
import re
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import mail
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from masthead.access.app_settings import app_settings
from masthead.access.readers import anonymous_reader, remember_reader
from masthead.experiments.models import Arm, Experiment, Variable


def make_allowance_experiment(*, arms: dict[str, int], percents: list[int] | None = None, holdout: int = 0,
                              key: str = "allowance-test", sample_size: int = 3, **fields) -> Experiment:
    """An experiment of the free allowance running now; ``arms``: name -> free articles, control first."""
    now = timezone.now()
    percents = percents or [(100 - holdout) // len(arms)] * len(arms)
    experiment = Experiment.objects.create(
        key=key,
        name=fields.pop("name", "Free allowance"),
        variable=Variable.FREE_ALLOWANCE,
        holdout_percent=holdout,
        starts_at=fields.pop("starts_at", now - timedelta(hours=1)),
        ends_at=fields.pop("ends_at", now + timedelta(days=14)),
        sample_size=sample_size,
        **fields,
    )
    for position, ((name, allowance), percent) in enumerate(zip(arms.items(), percents)):
        Arm.objects.create(experiment=experiment, name=name, position=position, percent=percent, free_allowance=allowance)
    return experiment


def make_message_experiment(*, messages: dict[str, str], key: str = "message-test", sample_size: int = 3) -> Experiment:
    """An experiment of the paywall's message running now, half and half; ``messages``: name -> words, control first."""
    now = timezone.now()
    experiment = Experiment.objects.create(
        key=key, name="Paywall words", variable=Variable.PAYWALL_MESSAGE, holdout_percent=0,
        starts_at=now - timedelta(hours=1), ends_at=now + timedelta(days=14), sample_size=sample_size,
    )  # fmt: skip
    for position, (name, message) in enumerate(messages.items()):
        Arm.objects.create(experiment=experiment, name=name, position=position, percent=100 // len(messages), paywall_message=message)
    return experiment


def make_experiment(*, variable: str, arms: dict[str, dict], key: str, sample_size: int = 3) -> Experiment:
    """An experiment of ``variable`` running now, in equal shares; ``arms``:
    name -> the arm's fields (its value), control first."""
    now = timezone.now()
    experiment = Experiment.objects.create(
        key=key, name=key, variable=variable, holdout_percent=0,
        starts_at=now - timedelta(hours=1), ends_at=now + timedelta(days=14), sample_size=sample_size,
    )  # fmt: skip
    for position, (name, values) in enumerate(arms.items()):
        Arm.objects.create(experiment=experiment, name=name, position=position, percent=100 // len(arms), **values)
    return experiment


def bucket_by_hand(key: str, reader_id: str) -> int:
    """The assignment's bucket, computed here from its definition (sha256 of
    "<experiment key>:<reader id>", first eight bytes, modulo 10,000)."""
    return int.from_bytes(hashlib.sha256(f"{key}:{reader_id}".encode()).digest()[:8], "big") % 10_000


def anonymous_ids_in_half(key: str, *, first_half: bool, count: int, skip: int = 0) -> list[str]:
    """``count`` anonymous reader ids whose bucket is below 5,000 (``first_half``) or not."""
    found, n = [], skip
    while len(found) < count:
        reader_id = f"{n:032x}"
        if (bucket_by_hand(key, f"a:{reader_id}") < 5_000) == first_half:
            found.append(reader_id)
        n += 1
    return found


def browser_of(reader_id: str) -> Client:
    """A browser holding the signed reader cookie the site would have given ``reader_id``."""
    response = HttpResponse()
    remember_reader(response, anonymous_reader(reader_id))
    client = Client()
    client.cookies[app_settings.READER_COOKIE] = response.cookies[app_settings.READER_COOKIE].value
    return client


def reader_cookie_in_arm(experiment: Experiment, arm_name: str) -> str:
    """The signed reader cookie, as the site would give it, of a new reader
    whose own id draws ``arm_name`` of the running ``experiment``."""
    from masthead.access.readers import reader_key
    from masthead.experiments.services import running_experiments

    running = next(e for e in running_experiments(timezone.now()) if e.pk == experiment.pk)
    wanted = Arm.objects.get(experiment=experiment, name=arm_name).pk
    while True:
        anonymous_id = uuid.uuid4().hex
        arm = running.arm_for(reader_key(user=None, anonymous_id=anonymous_id))
        if arm is not None and arm.pk == wanted:
            response = HttpResponse()
            remember_reader(response, anonymous_reader(anonymous_id))
            return response.cookies[app_settings.READER_COOKIE].value


def browser_in_arm(experiment: Experiment, arm_name: str):
    """A browser (a ``requests.Session``) holding a reader cookie, as the
    site gives one, whose own id draws ``arm_name``."""
    import requests

    browser = requests.Session()
    browser.cookies.set(app_settings.READER_COOKIE, reader_cookie_in_arm(experiment, arm_name))
    return browser


def account_exposed_in(experiment: Experiment, arm_name: str, *, email: str, password: str):
    """A verified reader account already counted in ``arm_name`` (it met the
    experiment on another device)."""
    from allauth.account.models import EmailAddress

    from masthead.experiments.services import exposure_record

    account = get_user_model().objects.create_user(email.split("@")[0], email, password)
    EmailAddress.objects.update_or_create(user=account, email=email, defaults={"verified": True, "primary": True})
    arm = Arm.objects.get(experiment=experiment, name=arm_name)
    exposure_record(experiment_id=experiment.pk, arm_id=arm.pk, reader_id=f"u:{account.pk}", user_id=account.pk,
                    now=timezone.now())  # fmt: skip
    return account


def sign_up(browser: Client, *, email: str, password: str):
    """The reader signs up on this browser as on the site: the form, then the
    code mailed to them, which signs them in. The new account."""
    assert browser.post("/accounts/signup/", {"email": email, "password1": password, "password2": password}).status_code == 302
    (message,) = [message for message in mail.outbox if email in message.to]
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", message.body).group(1)
    assert browser.post("/accounts/confirm-email/", {"code": code}).status_code == 302
    return get_user_model().objects.get(email=email)


def next_account_id_where(wanted: Callable[[int], bool]) -> int:
    """Make placeholder accounts until the id the database gives the next
    account (one more than the last) is ``wanted``; that id. For a sign-up
    whose arm by its own id a test must know."""
    made = 0
    while True:
        placeholder = get_user_model().objects.create_user(username=f"placeholder{made}", email=f"placeholder{made}@example.test")
        made += 1
        if wanted(placeholder.pk + 1):
            return placeholder.pk + 1
