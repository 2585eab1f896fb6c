"""Reader-facing pages. Each view asks the selectors and renders; no rules here."""

import hashlib
import time
from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from masthead.access.policy import Decision, Reason
from masthead.access.presentation import CSRF_SLOT, METER_NOTICE_SLOT, csrf_input_html, meter_notice_html
from masthead.access.readers import stand_in_reader
from masthead.access.replay import metered_for, replayable_wall, variant_decision, variant_visit_class
from masthead.access.services import account_deciding_for, free_to_everyone, next_scheduled_change, readable_text
from masthead.access.wall import WALL_FIELD, wall_marker
from masthead.core.cache_policy import PRIVATE, PRIVATE_NO_STORE
from masthead.core.errors import MastheadError
from masthead.core.inputs import InputInvalid, calendar_day, calendar_year
from masthead.core.localcache import fresh_reads, local_cache
from masthead.core.periods import local_date
from masthead.core.urls import absolute_url
from masthead.edge import services as edge
from masthead.gifts.selectors import gift_url
from masthead.metering.events import funnel_visit_of_class, funnel_visit_via
from masthead.subscriptions.selectors import offer_open
from masthead.gifts.services import GIFT_DAYS, gift_allowance, gift_create

from . import cache, selectors
from .models import Article, Section
from .presentation import GATED_CSS_CLASS, article_credit, article_description, news_article_ld
from .reading import ArticleNotFound, article_read, live_article

SECTION_PAGE_SIZE = 20


# The front pages are the same for every reader of a kind (a visitor, a
# signed-in reader, a subscriber, who sees no ads) on a given day: each
# process renders one for this long and serves it to the rest. A story
# published or edited shows within this time.
LISTING_SECONDS = 30


def home(request):
    return _listing(request, "newsroom/home.html", lambda: {"page": selectors.home_page()})


def premium(request):
    """The premium desk: today's premium stories, counted, then the week's."""

    def context():
        today = list(selectors.premium_today())
        earlier = selectors.live_articles().filter(is_premium=True).exclude(pk__in=[a.pk for a in today])[:20]
        return {"today": today, "earlier": earlier}

    return _listing(request, "newsroom/premium.html", context)


def section(request, slug):
    section = get_object_or_404(Section, slug=slug)

    def context():
        paginator = Paginator(selectors.section_articles(section=section), SECTION_PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        return {"section": section, "page_obj": page, "canonical_url": absolute_url(request, _page_path(section, page))}

    template = "newsroom/section_premium.html" if section.is_premium else "newsroom/section.html"
    return _listing(request, template, context)


def _listing(request, template: str, context):
    """A front page from this process's cache, or rendered and kept for
    LISTING_SECONDS. Pages carrying one-off messages are rendered fresh."""
    if _messages_waiting(request):
        return render(request, template, context())
    reader = request.reader
    kind = "subscriber" if reader.is_subscriber else ("member" if reader.user is not None else "visitor")
    now = timezone.now()
    key = f"page:listing:{request.get_full_path()}:{kind}:{local_date(now)}"
    cached = local_cache.get(key)
    # A kept page also ends when the next scheduled story goes live, so
    # stories still appear at their time, to the second.
    if cached is not None and now < cached[0]:
        return HttpResponse(cached[1])
    page = render_to_string(template, context(), request=request).encode()
    next_live = selectors.next_go_live(now=now)
    valid_until = min(now + timedelta(seconds=LISTING_SECONDS), next_live or now + timedelta(days=1))
    local_cache.set(key, (valid_until, page), LISTING_SECONDS)
    return HttpResponse(page)


def _messages_waiting(request) -> bool:
    # Messages live in a cookie or the session; without either there are none.
    may_have_messages = bool(request.COOKIES.keys() & {settings.SESSION_COOKIE_NAME, settings.MESSAGE_COOKIE_NAME})
    return may_have_messages and bool(list(get_messages(request)))


def _page_path(section, page):
    path = section.get_absolute_url()
    return path if page.number == 1 else f"{path}?page={page.number}"


@require_safe
def article(request, slug):
    """GET and HEAD only: any other method is refused before the meter is asked,
    so no method can read an article without spending it."""
    fill = edge.fill_variant(request)
    if fill is not None:
        return _edge_fill(request, slug, fill)
    # When the decision was made: an edge token says "subscriber as of then",
    # so a refund committed while this page renders still refuses it.
    decided_at = timezone.now()
    try:
        # A HEAD request shows nothing, so it spends nothing from the meter.
        found, decision = article_read(
            reader=request.reader, slug=slug, count=request.method == "GET", gift_token=request.GET.get("gift")
        )
    except ArticleNotFound:
        raise Http404("No such article") from None
    response = _render_article(request, found, decision=decision, preview=False)
    # The page depends on who asks: never from a shared cache. (Set directly:
    # the response is new and has neither header yet.) A verified crawler's
    # full text is kept by nobody, not even a private cache.
    response["Cache-Control"] = PRIVATE_NO_STORE if decision.reason == Reason.VERIFIED_CRAWLER else PRIVATE
    response["Vary"] = "Cookie"
    _give_edge_cookies(request, response, decision, now=decided_at)
    return response


def _give_edge_cookies(request, response, decision: Decision, *, now) -> None:
    """What lets the edge serve this reader's next views without asking:
    a subscriber's entitlement, or an anonymous reader's receipt."""
    reader = request.reader
    if reader.user is not None:
        # A receipt from before signing in would have the edge judge this
        # reader by the browser's meter: signed in, the account's is theirs.
        edge.forget_receipt(request, response)
    if decision.reason == Reason.SUBSCRIBER and reader.user is not None:
        edge.give_entitlement(response, account_id=reader.user.pk, session_key=request.session.session_key, now=now)
    elif decision.metered and reader.user is None and edge.edge_on():
        edge.give_receipt(
            response, receipt=reader.receipt, counted=decision.views, limit=decision.free_limit,
            wall=replayable_wall(decision), now=now, holds_until=next_scheduled_change(now),
            tie=account_deciding_for(reader, now=now),
        )


def _edge_fill(request, slug: str, variant: str):
    """A variant for the edge to keep: the same page for every reader the
    edge gives it to, with no cookie and nothing personal in it. A story the
    meter does not judge has no reader variants: an empty answer that says
    so, which the edge never shows (it asks the origin for each reader).

    Drawn from the database as committed now, never from this process's
    cached copies (the story, its section's rail, the meter's rules): an
    edit's purge is followed by a fill, perhaps in a process whose copies
    are from before the edit, and the edge keeps what it gets for minutes."""
    started = time.monotonic()
    with fresh_reads():
        try:
            found = live_article(slug=slug)
        except ArticleNotFound:
            raise Http404("No such article") from None
        now = timezone.now()
        decision = variant_decision(article=found, variant=variant, now=now)
        if decision is None:
            empty = HttpResponse(b"", content_type="text/plain")
            return edge.fill_answer(empty, story=found, variant=variant, metered=False, started=started)
        subscriber = decision.reason == Reason.SUBSCRIBER
        request.reader = stand_in_reader(subscriber=subscriber)
        # A page's subscribe links carry the class of the readers it is kept
        # for (the edge asks for one copy per class), never the asker's own.
        with funnel_visit_of_class(variant_visit_class(variant)):
            page = _article_page(request, found, decision=decision, preview=False, signed_in=subscriber)
            # The note a reader of this count sees, in the origin's own words.
            note = meter_notice_html(decision=decision, article_id=found.pk)
        return edge.fill_answer(
            HttpResponse(page.replace(METER_NOTICE_SLOT, note, 1)), story=found, variant=variant,
            metered=not subscriber, metered_for=None if subscriber else metered_for(found, now=now), started=started,
        )  # fmt: skip


@login_required
def article_gift(request, slug):
    """A subscriber gifting the article: one confirmation, then the link to share."""
    try:
        found = live_article(slug=slug)
    except ArticleNotFound:
        raise Http404("No such article") from None
    gift = None
    if request.method == "POST":
        try:
            gift = gift_create(user=request.user, article=found)
        except MastheadError as error:
            messages.error(request, error.message)
    response = render(
        request,
        "newsroom/article_gift.html",
        {
            "article": found,
            "gift": gift,
            "gift_link": absolute_url(request, gift_url(gift)) if gift else None,
            "allowance": gift_allowance(user=request.user, now=timezone.now()),
            "gift_days": GIFT_DAYS,
            "subscriber": request.reader.is_subscriber,
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


@staff_member_required
@permission_required("newsroom.view_article", raise_exception=True)
def article_preview(request, pk):
    """An editor's view of any article, live or not, in full."""
    found = get_object_or_404(Article.objects.select_related("section", "agency"), pk=pk)
    response = _render_article(request, found, decision=Decision(Reason.EDITOR_PREVIEW), preview=True)
    response["X-Robots-Tag"] = "noindex"
    patch_cache_control(response, private=True, no_store=True)
    return response


# Pages are keyed by the article's revision, so an edit shows at once; the
# time to live bounds how stale the "More from" rail and the plans may be.
PAGE_SECONDS = 30
_SLOT_BYTES = METER_NOTICE_SLOT.encode()
_CSRF_SLOT_BYTES = CSRF_SLOT.encode()


def _render_article(request, article, *, decision: Decision, preview: bool):
    """The article page: rendered once per (article, revision, what the reader
    may see, logged in or not, day, and under a paywall where the visit came
    from) and cached; the per-reader meter notice is
    spliced in, and on the registration wall the reader's CSRF token. Pages
    carrying one-off messages are rendered fresh."""
    user = request.reader.user
    notice = meter_notice_html(decision=decision, article_id=article.pk, reader_name=user.first_name if user else "")
    messages_waiting = _messages_waiting(request)
    if preview or messages_waiting:
        page = _article_page(request, article, decision=decision, preview=preview, messages_waiting=messages_waiting)
    else:
        key = ":".join(
            str(part)
            for part in (
                "page:article", article.pk, article.revision, _variant(decision),
                int(request.reader.user is not None), local_date(timezone.now()),
                # A paywall's subscribe links carry the reader's own visit's class.
                "" if decision.full_text else funnel_visit_via(),
            )
        )  # fmt: skip
        page = local_cache.get(key)
        if page is None:
            page = _article_page(request, article, decision=decision, preview=False).encode()
            local_cache.set(key, page, PAGE_SECONDS)
        page = page.replace(_SLOT_BYTES, notice.encode(), 1)
        if decision.reason == Reason.REGISTRATION_WALL:
            page = page.replace(_CSRF_SLOT_BYTES, csrf_input_html(request).encode(), 1)
        return HttpResponse(page)
    page = page.replace(METER_NOTICE_SLOT, notice, 1)
    if decision.reason == Reason.REGISTRATION_WALL:
        page = page.replace(CSRF_SLOT, csrf_input_html(request), 1)
    return HttpResponse(page)


def _variant(decision: Decision) -> str:
    """What about the decision shows on the page (not the per-reader count).
    Subscribers' pages differ from everyone else's: they carry no ads."""
    if decision.reason == Reason.SUBSCRIBER:
        return "subscriber"
    if decision.full_text:
        return "full"
    if decision.reason == Reason.REGISTRATION_WALL:
        return f"{decision.reason}-{decision.free_limit}-{decision.account_extra}"
    variant = f"{decision.reason}-{decision.free_limit}"
    if decision.paywall_message:
        # An experiment's arm words this paywall: one cached page per wording.
        variant += f"-{hashlib.sha256(decision.paywall_message.encode()).hexdigest()[:16]}"
    if decision.plan_order:
        # An arm orders its plans: one cached page per order.
        variant += f"-order:{hashlib.sha256(','.join(decision.plan_order).encode()).hexdigest()[:16]}"
    if decision.offer_id is not None and offer_open(decision.offer_id) is not None:
        # An arm shows an offer on its plans: one cached page per offer, and
        # only while it may be taken (used up or ended, the next view shows
        # the plans' own prices, as the page's own render does).
        variant += f"-offer:{decision.offer_id}"
    return variant


def _article_page(
    request, article, *, decision: Decision, preview: bool, messages_waiting: bool = False, signed_in: bool | None = None
) -> str:
    """``signed_in`` draws the header for a signed-in reader (or not) whoever
    asks: the edge's variants are drawn for a kind of reader, not a person."""
    url = absolute_url(request, article.get_absolute_url())
    image_url = absolute_url(request, article.image.url) if article.image else None
    structured = (
        None
        if preview
        else news_article_ld(
            article=article,
            url=url,
            site_url=absolute_url(request, "/"),
            logo_url=absolute_url(request, static("img/logo.png")),
            image_url=image_url,
            free_to_everyone=free_to_everyone(article),
        )
    )
    context = {
        "article": article,
        "text": readable_text(article, decision),
        "decision": decision,
        "meter_notice_slot": METER_NOTICE_SLOT,
        "csrf_slot": CSRF_SLOT,
        "wall_field": WALL_FIELD,
        "wall_marker": wall_marker(article.pk) if decision.reason == Reason.REGISTRATION_WALL else "",
        "gated_class": GATED_CSS_CLASS,
        "preview": preview,
        "canonical_url": url,
        "description": article_description(article),
        "credit": article_credit(article),
        "image_url": image_url,
        "structured_data": structured,
        "more_from_section": cache.more_from_section(article, now=timezone.now()),
    }
    if signed_in is not None:
        context["user"] = _SignedInStandIn() if signed_in else AnonymousUser()
        context["reader_subscribes"] = request.reader.is_subscriber
    return render_to_string("newsroom/article.html", context, request=request)


class _SignedInStandIn:
    """A signed-in reader for the header of a page drawn for many: it shows
    no name, only that someone is signed in."""

    is_authenticated = True


def archive_index(request):
    return render(
        request,
        "newsroom/archive_index.html",
        {"years": selectors.archive_years(), "span": selectors.archive_span()},
    )


def archive_year(request, year):
    months = selectors.archive_months(year=_kept_year(year))
    if not months:
        raise Http404("Nothing was published that year")
    return render(
        request,
        "newsroom/archive_year.html",
        {"year": year, "months": [{"date": date(year, m["month"], 1), "count": m["count"]} for m in months]},
    )


def archive_month(request, year, month):
    first = _valid_date(year, month, 1)
    days = selectors.archive_days(year=year, month=month)
    if not days:
        raise Http404("Nothing was published that month")
    return render(request, "newsroom/archive_month.html", {"month": first, "days": days})


def archive_day(request, year, month, day):
    day = _valid_date(year, month, day)
    if day > local_date(timezone.now()):
        raise Http404("That day has not happened yet")
    earlier, later = selectors.neighbouring_days(day=day)
    return render(
        request,
        "newsroom/archive_day.html",
        {
            "day": day,
            "articles": selectors.articles_on_day(day=day),
            "earlier": earlier,
            "later": later,
            "span": selectors.archive_span(),
        },
    )


def _valid_date(year, month, day) -> date:
    try:
        return calendar_day(year, month, day)
    except InputInvalid as error:
        raise Http404(error.message) from None


def _kept_year(year) -> int:
    try:
        return calendar_year(year)
    except InputInvalid as error:
        raise Http404(error.message) from None
