"""Domain objects as version 1's JSON. No decisions here: the access
decision arrives made, and only ``readable_text`` supplies article text."""

from django.urls import reverse

from masthead.access.policy import Decision, Reason
from masthead.access.services import readable_text
from masthead.core.money import Money
from masthead.core.urls import absolute_url

NAMESPACE = "api-v1"


def api_url(request, name: str, **kwargs) -> str:
    return absolute_url(request, reverse(f"{NAMESPACE}:{name}", kwargs=kwargs))


def paged(items: list, *, page: int, page_size: int, total: int) -> dict:
    """One page of a longer list, as every list in version 1 answers
    (``schemas.Paged``): an empty list still has one page."""
    pages = max((total + page_size - 1) // page_size, 1)
    return {"items": items, "page": page, "page_size": page_size, "total": total, "pages": pages}


def paged_rows(queryset, *, page: int, page_size: int, item) -> dict:
    """Page ``page`` of ``queryset``, each row as ``item(row)`` shows it."""
    total = queryset.count()
    start = (page - 1) * page_size
    rows = queryset[start : start + page_size]
    return paged([item(row) for row in rows], page=page, page_size=page_size, total=total)


def section_ref(section) -> dict:
    return {"slug": section.slug, "name": section.name}


def section(request, section) -> dict:
    return section_ref(section) | {
        "description": section.description,
        "is_premium": section.is_premium,
        "always_free": section.meter_exempt,
        "url": absolute_url(request, section.get_absolute_url()),
    }


def article_item(request, article) -> dict:
    return {
        "id": article.pk,
        "slug": article.slug,
        "headline": article.headline,
        "standfirst": article.standfirst,
        "section": section_ref(article.section),
        "published_at": article.publish_at,
        "is_premium": article.is_premium_story,
        "url": absolute_url(request, article.get_absolute_url()),
    }


def article_detail(request, article, decision: Decision) -> dict:
    gift = decision.gift
    return article_item(request, article) | {
        "dateline": article.dateline,
        "authors": [author.name for author in article.authors.all()],
        "access": "full" if decision.full_text else "lead_in",
        "reason": decision.reason,
        "text": readable_text(article, decision),
        "meter": (
            {"views": decision.views, "free_limit": decision.free_limit, "views_left": decision.views_left}
            if decision.metered
            else None
        ),
        "registration_wall": {"more": decision.account_extra} if decision.reason == Reason.REGISTRATION_WALL else None,
        "gift": {"from": gift.giver, "until": gift.until} if gift is not None and not gift.problem else None,
        "gift_problem": gift.problem if gift is not None and gift.problem else None,
    }


def search_result(request, result) -> dict:
    return {
        "article": article_item(request, result.article),
        "headline_html": str(result.headline),
        "standfirst_html": str(result.standfirst),
        "snippet_html": str(result.snippet),
        "full_text": result.full_text,
    }


def money(amount: Money) -> dict:
    return {"minor": amount.minor, "currency": amount.currency, "display": amount.format()}


def plan(plan) -> dict:
    return {
        "slug": plan.slug,
        "name": plan.name,
        "price": money(plan.price),
        "term_months": plan.term_months,
        "term_label": plan.term_label,
        "per_month": money(plan.per_month),
        "is_featured": plan.is_featured,
    }


def edition(request, edition) -> dict:
    return {
        "date": edition.date,
        "page_count": edition.page_count,
        "url": api_url(request, "epaper_edition", day=edition.date.isoformat()),
    }


def device(device) -> dict:
    return {
        "id": device.id,
        "name": device.name,
        "kind": device.kind,
        "signed_in_at": device.signed_in_at,
        "last_seen_at": device.last_seen_at,
        "location": device.location,
        "is_current": device.is_current,
    }


def gift_allowance(allowance) -> dict:
    return {"allowed": allowance.allowed, "used": allowance.used, "left": allowance.left, "renews_on": allowance.renews_on}


def subscription_state(subscription) -> dict:
    """The subscription as the account page shows it (``schemas.SubscriptionStateOut``)."""
    renews = subscription.status in ("active", "paused", "past_due", "needs_card")
    return {
        "plan": subscription.plan.name,
        "plan_slug": subscription.plan.slug,
        "status": subscription.status,
        "term_end": subscription.term_end,
        "in_trial": subscription.in_trial,
        "pause_until": subscription.pause_until,
        "next_plan": {"slug": subscription.next_plan.slug, "name": subscription.next_plan.name} if subscription.next_plan_id else None,
        "renewal_price": money(subscription.renewal_price) if renews else None,
    }


def plan_option(option) -> dict:
    return {
        "plan": plan(option.plan),
        "upgrade_now": option.upgrade_now,
        "due": money(option.due) if option.upgrade_now else None,
        "credit": money(option.credit) if option.upgrade_now else None,
        "switch_on": None if option.upgrade_now else option.switch_on,
    }
