# Pages where a reader pays or looks after their account carry no ads, for
# anyone: the plans and checkout (/subscribe/…: plans, details, payment,
# welcome), the account with its invoices and card (/account/…) and signing
# in (/accounts/…), a newsletter's unsubscribe page (the account's
# newsletter choice, made from an e-mail) and the stop link of offers and
# digests (/mail/stop/…, the same kind of page), and the business desk
# (/desk/, a staff page). An ad there distracts from a form
# about money, and an ad network's script has no business on a page that
# takes a card, or whose address is a reader's own unsubscribe token.
AD_FREE_PATHS = ("/subscribe/", "/account/", "/accounts/", "/newsletters/unsubscribe/", "/mail/stop/", "/desk/")


def ads(request):
    """Whether this page may carry ads at all: never for a subscriber, and
    never on the pages above."""
    reader = getattr(request, "reader", None)
    return {
        "ads_enabled": reader is not None
        and not request.path.startswith(AD_FREE_PATHS)
        and not reader.is_subscriber
    }
