"""Partner codes: loading a pool, and a subscriber claiming one per period (policy.py)."""

import csv
import io
import time
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from masthead.core.errors import InvalidOperation
from masthead.subscriptions.selectors import reading_subscription

from .models import Partner, PartnerCode
from .policy import Refusal
from .selectors import claim_outlook

MAX_CODE_LENGTH = 120
CLAIM_ATTEMPTS = 5
IN_FLIGHT_WAIT = 0.05  # seconds


class _NoFreeCode(Exception):
    """No free code could be taken: the pool is empty, or its last codes are
    held by claims still in flight."""


@dataclass(frozen=True)
class LoadResult:
    added: int
    duplicates: int


def partner_codes_load(*, partner: Partner, upload: bytes) -> LoadResult:
    """Add the codes in a CSV (one per line, or a column named "code").

    A file that is not UTF-8 text, has no codes, or has a code too long is
    refused whole: nothing is added.
    """
    try:
        text = upload.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidOperation("not_text", "That file is not a UTF-8 CSV of codes.") from None
    if "\x00" in text:
        raise InvalidOperation("not_text", "That file is not a UTF-8 CSV of codes.")
    rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if rows and rows[0] and rows[0][0].strip().lower() == "code":
        rows = rows[1:]
    codes = [row[0].strip() for row in rows if row and row[0].strip()]
    if not codes:
        raise InvalidOperation("no_codes", "The file has no codes in it.")
    too_long = [code for code in codes if len(code) > MAX_CODE_LENGTH]
    if too_long:
        raise InvalidOperation("code_too_long", f"{len(too_long)} code(s) are longer than {MAX_CODE_LENGTH} characters.")
    unique = list(dict.fromkeys(codes))
    with transaction.atomic():
        before = PartnerCode.objects.filter(partner=partner).count()
        PartnerCode.objects.bulk_create([PartnerCode(partner=partner, code=code) for code in unique], ignore_conflicts=True)
        added = PartnerCode.objects.filter(partner=partner).count() - before
    return LoadResult(added=added, duplicates=len(codes) - added)


# What a refused claim tells the subscriber (policy.Refusal). A claim already
# made for the period is no refusal here: the same code is shown again.
REFUSED = {
    Refusal.NOT_OFFERED: "That partner's codes are no longer offered.",
    Refusal.NOT_SUBSCRIBER: "Partner access comes with an active subscription.",
    Refusal.TERM_NOT_PAID: "Partner codes come with a paid term: you can claim yours once your renewal is paid.",
    Refusal.IN_TRIAL: "Partner codes come with your first paid term: you can claim yours once your trial has ended and it is paid.",
}


def partner_code_claim(*, user, partner: Partner, now: datetime | None = None) -> PartnerCode:
    """The subscriber's code for the present period (the partner's: a term, a
    year of subscription, or ever): the one already claimed, or a new one.

    Two claims at once never get the same code (each takes a free code under
    a row lock), and never two codes for one period: the database allows one
    code per subscriber and period, and the claim that loses reads the winner's.
    """
    now = now or timezone.now()
    subscription = reading_subscription(user=user, now=now)
    for _ in range(CLAIM_ATTEMPTS):
        decision = claim_outlook(user=user, partner=partner, subscription=subscription, now=now)
        if decision.claimed is not None:
            return decision.claimed
        if decision.refusal is not None:
            raise InvalidOperation(decision.refusal.value, REFUSED[decision.refusal])
        try:
            with transaction.atomic():
                # PostgreSQL: each claim locks a different free code (SKIP LOCKED);
                # SQLite: its single writer makes the claims take turns.
                free = (
                    PartnerCode.objects.select_for_update(skip_locked=True)
                    .filter(partner=partner, claimed_by__isnull=True)
                    .order_by("id")
                    .first()
                )
                if free is None:
                    raise _NoFreeCode
                free.claimed_by, free.subscription, free.term_number = user, subscription, subscription.term_number
                free.claimed_at, free.period_key = now, decision.period_key
                free.save(update_fields=["claimed_by", "subscription", "term_number", "claimed_at", "period_key"])
                return free
        except IntegrityError:
            continue  # a parallel claim for this subscriber and period won: it is read above
        except _NoFreeCode:
            if PartnerCode.objects.filter(partner=partner, claimed_by__isnull=True).exists():
                # Every free code is locked by a claim in flight (SKIP LOCKED passed
                # them over), perhaps this subscriber's own double click: once
                # those are through, either one is ours or a code is free again.
                time.sleep(IN_FLIGHT_WAIT)
                continue
            # The last code may have gone to this subscriber's other click a moment ago.
            mine = PartnerCode.objects.filter(partner=partner, claimed_by=user, period_key=decision.period_key).first()
            if mine is not None:
                return mine
            raise InvalidOperation("pool_empty", f"No {partner.name} codes are left just now; we have told our team.") from None
    raise InvalidOperation("busy", "Please try again in a moment.")


def partner_pool_level(partner: Partner) -> tuple[int, int]:
    """(codes left, codes claimed)."""
    left = PartnerCode.objects.filter(partner=partner, claimed_by__isnull=True).count()
    return left, PartnerCode.objects.filter(partner=partner).count() - left
