"""The per-process cache: what a page kept for minutes elsewhere reads."""


def test_inside_fresh_reads_nothing_is_read_from_the_cache_but_what_is_made_is_kept():
    from masthead.core.localcache import LocalCache, fresh_reads, reading_fresh

    cache = LocalCache()
    cache.set("story", "as it was", 60)
    with fresh_reads():
        assert reading_fresh() and cache.get("story") is None
        assert cache.get_or_set("story", lambda: "as it is", 60) == "as it is"
    assert not reading_fresh() and cache.get("story") == "as it is"
