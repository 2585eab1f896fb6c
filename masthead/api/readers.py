"""The reader an API request is decided for: the signed-in account, or an
anonymous app known by a signed id in the ``X-Reader`` header.

This is the header twin of the web's reader cookie (masthead.access.readers):
the header holds only a random id, signed so it cannot be chosen; the count
lives on the server. A missing, tampered or unreadable header gets a fresh
id (sent back in the ``X-Reader`` response header), never an error.
"""

from masthead.access.readers import APP_READER_HEADER, Reader, anonymous_reader, app_reader_id, app_reader_id_signed

# The header's id is verified in access/readers.py, where log-in and log-out
# carry the app's month to and from the account (access/signals.py).


def api_reader(request) -> Reader:
    """The request's reader, worked out once. Only an authenticated token
    makes a signed-in reader (see auth.py); cookies play no part."""
    reader = getattr(request, "api_reader", None)
    if reader is not None:
        return reader
    user = getattr(request, "auth", None)
    if user is not None and getattr(user, "is_authenticated", False):
        reader = Reader(user=user, anonymous_id=None)
    else:
        reader = anonymous_reader(app_reader_id(request))
    reader.sees_paywall_message = False  # the answer has no paywall words: the app draws its own
    request.api_reader = reader
    return reader


def remember_api_reader(request, response) -> None:
    """Hand a newly minted anonymous id back to the app, to send from now on."""
    reader = getattr(request, "api_reader", None)
    if reader is not None and reader.minted:
        response[APP_READER_HEADER] = app_reader_id_signed(reader.anonymous_id)
