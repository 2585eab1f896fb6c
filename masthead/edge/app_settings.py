"""The edge tier's settings (docs/settings.md, docs/deploy.md "The edge").
With no MASTHEAD_EDGE_KEYS the site sets no edge cookies, answers no fill
request and tells no edge anything: it runs as it does without one."""

from django.core.exceptions import ImproperlyConfigured

from masthead.core.app_settings import setting, whole_number

from .tokens import ENTITLEMENT_LONGEST, EdgeKey, EdgeKeyError, edge_keys


class AppSettings:
    @property
    def KEYS(self) -> tuple[EdgeKey, ...]:
        """"kid:secret,kid:secret": the first signs, all are accepted (rotation)."""
        try:
            return edge_keys(setting("MASTHEAD_EDGE_KEYS", ""))
        except EdgeKeyError as error:
            raise ImproperlyConfigured(f"MASTHEAD_EDGE_KEYS: {error}") from None

    @property
    def URLS(self) -> tuple[str, ...]:
        """Every edge's address, told of purges and revocations."""
        return tuple(url.strip().rstrip("/") for url in setting("MASTHEAD_EDGE_URLS", "").split(",") if url.strip())

    @property
    def ENTITLEMENT_SECONDS(self) -> int:
        """How long a subscriber's edge token lasts: a cancellation or lapse
        takes effect at the edge within this time (refunds and sign-outs at once)."""
        seconds = whole_number("MASTHEAD_EDGE_ENTITLEMENT_SECONDS", 300)
        if seconds > ENTITLEMENT_LONGEST:
            raise ImproperlyConfigured(f"MASTHEAD_EDGE_ENTITLEMENT_SECONDS must be at most {ENTITLEMENT_LONGEST}")
        return seconds

    @property
    def RECEIPT_SECONDS(self) -> int:
        """How long an edge receipt lasts at most (never past the meter's
        period): a changed allowance reaches readers the edge serves within it."""
        return whole_number("MASTHEAD_EDGE_RECEIPT_SECONDS", 3600)

    @property
    def PAGE_SECONDS(self) -> int:
        """How long the edge keeps a story's page; an edit purges it at once,
        this bounds how stale its "More from" rail and header may be."""
        return whole_number("MASTHEAD_EDGE_PAGE_SECONDS", 120)


app_settings = AppSettings()
