def reader(request):
    """Whether the reader subscribes, for what every page shows them (the
    header offers a subscriber their account, not the plans). Pages kept in
    a cache are kept per kind of reader, subscribers apart (newsroom's views),
    so one reader's header never reaches another kind."""
    reader = getattr(request, "reader", None)
    return {"reader_subscribes": reader is not None and reader.is_subscriber}
