def ads(request):
    """Whether this page may carry ads at all: never for a subscriber."""
    reader = getattr(request, "reader", None)
    return {"ads_enabled": reader is not None and not reader.is_subscriber}
