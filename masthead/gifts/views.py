"""A subscriber gifting an article: one confirmation, then the link to share."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from masthead.core.errors import MastheadError
from masthead.core.urls import absolute_url
from masthead.newsroom import cache as article_cache

from .selectors import gift_url
from .services import GIFT_DAYS, gift_allowance, gift_create


@login_required
def create(request, slug):
    article = article_cache.article_by_slug(slug)
    if article is None or not article.is_live():
        raise Http404("No such article")
    gift = None
    if request.method == "POST":
        try:
            gift = gift_create(user=request.user, article=article)
        except MastheadError as error:
            messages.error(request, error.message)
    response = render(
        request,
        "gifts/create.html",
        {
            "article": article,
            "gift": gift,
            "gift_link": absolute_url(request, gift_url(gift)) if gift else None,
            "allowance": gift_allowance(user=request.user, now=timezone.now()),
            "gift_days": GIFT_DAYS,
            "subscriber": request.reader.is_subscriber,
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response
