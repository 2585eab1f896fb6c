"""What can go wrong with the e-paper, each with a code and a message a person can act on."""

from masthead.core.errors import MastheadError


class EditionInvalid(MastheadError):
    """An upload that is not a PDF we can render; nothing is stored."""

    code = "edition_invalid"


class ShareLinkInvalid(MastheadError):
    """A share link that was altered, or used for another page."""

    code = "share_link_invalid"


class ShareLinkExpired(MastheadError):
    code = "share_link_expired"
