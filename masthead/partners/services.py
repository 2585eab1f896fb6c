"""Partner codes: loading a pool, and a subscriber claiming one per term."""

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from masthead.core.errors import InvalidOperation
from masthead.subscriptions.selectors import reading_subscription

from .models import Partner, PartnerCode

MAX_CODE_LENGTH = 120
CLAIM_ATTEMPTS = 5


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


def partner_code_claim(*, user, partner: Partner, now: datetime | None = None) -> PartnerCode:
    """The subscriber's code for this term: the one already claimed, or a new one.

    Two claims at once never get the same code: each takes a free code under
    a row lock, and the database allows one code per subscription and term.
    """
    now = now or timezone.now()
    subscription = reading_subscription(user=user, now=now)
    if subscription is None or not partner.is_active:
        raise InvalidOperation("not_subscriber", "Partner access comes with an active subscription.")
    for _ in range(CLAIM_ATTEMPTS):
        mine = PartnerCode.objects.filter(partner=partner, subscription=subscription, term_number=subscription.term_number).first()
        if mine is not None:
            return mine
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
                    raise InvalidOperation("pool_empty", f"No {partner.name} codes are left just now; we have told our team.")
                free.claimed_by, free.subscription = user, subscription
                free.term_number, free.claimed_at = subscription.term_number, now
                free.save(update_fields=["claimed_by", "subscription", "term_number", "claimed_at"])
                return free
        except IntegrityError:
            continue  # a parallel claim for this subscriber and term won: it is read above
    raise InvalidOperation("busy", "Please try again in a moment.")


def partner_pool_level(partner: Partner) -> tuple[int, int]:
    """(codes left, codes claimed)."""
    left = PartnerCode.objects.filter(partner=partner, claimed_by__isnull=True).count()
    return left, PartnerCode.objects.filter(partner=partner).count() - left
