"""House ads in every ad position, so a newcomer reading as someone who does
not subscribe sees ads on the home page and under each story, and sees them
go once signed in as the demo subscriber.

Text only, each leading to a page of this site: no image, no ad network.
Business staff change or switch them off under Advertising in the admin.
"""

from masthead.ads.models import AdPosition, AdSlot

# position, headline, text, link
DEMO_HOUSE_ADS = (
    (
        AdPosition.LEADERBOARD,
        "Today's paper, page by page",
        "The e-paper: the print edition as it was printed, to read, save and share.",
        "/epaper/",
    ),
    (
        AdPosition.IN_ARTICLE,
        "Read every story, without a limit",
        "A subscription brings premium stories, market analysis and the archive back to 1997.",
        "/subscribe/",
    ),
    (
        AdPosition.RAIL,
        "Send a story to a friend",
        "Subscribers gift articles that anyone they send them to can read in full, free.",
        "/subscribe/",
    ),
)


def demo_ads_load() -> list[AdSlot]:
    return [
        AdSlot.objects.create(position=position, house_headline=headline, house_text=text, house_link=link)
        for position, headline, text, link in DEMO_HOUSE_ADS
    ]
