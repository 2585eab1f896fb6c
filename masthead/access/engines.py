"""The search engines whose crawlers may be verified (crawlers.py), and how
the MASTHEAD_VERIFIED_CRAWLERS setting names them. Pure: no I/O."""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class CrawlerEngine:
    name: str
    # A word in the user-agent that claims this crawler (matched ignoring case).
    user_agent: str
    # Reverse DNS must name a host in one of these domains (or the domain itself).
    domains: tuple[str, ...]
    # Where the engine publishes its address ranges (the refresh command's default source).
    ranges_url: str = ""

    def claimed_by(self, user_agent: str) -> bool:
        return self.user_agent.lower() in user_agent.lower()

    def owns_host(self, host: str) -> bool:
        """Whether ``host`` is in one of the domains, on a label boundary:
        ``crawl-1.googlebot.com`` is, ``evilgooglebot.com`` and
        ``googlebot.com.evil.net`` are not."""
        host = host.lower().removesuffix(".")
        return bool(host) and any(host == domain or host.endswith("." + domain) for domain in self.domains)


KNOWN_ENGINES = {
    "googlebot": CrawlerEngine(
        name="googlebot",
        user_agent="Googlebot",
        # Googlebot's own hosts only (crawl-*.googlebot.com,
        # geo-crawl-*.geo.googlebot.com). A google.com name is one of Google's
        # other fetchers (google-proxy-*: Apps Script, Sheets and the like,
        # which fetch any address a Google user names, with a user-agent the
        # user partly chooses), so it proves Google, not Google's crawler.
        domains=("googlebot.com",),
        ranges_url="https://developers.google.com/static/search/apis/ipranges/googlebot.json",
    ),
    "bingbot": CrawlerEngine(
        name="bingbot",
        user_agent="bingbot",
        domains=("search.msn.com",),
        ranges_url="https://www.bing.com/toolbox/bingbot.json",
    ),
}

DEFAULT_ENGINES = "googlebot,bingbot"


def engines_from_setting(value) -> tuple[CrawlerEngine, ...]:
    """The engines a value of MASTHEAD_VERIFIED_CRAWLERS names: the names of
    known engines separated by commas (``none`` for no verification at all),
    or, in Django's settings, a dict of name → {"user_agent", "domains",
    "ranges_url"} for an engine of one's own."""
    if isinstance(value, dict):
        return tuple(_engine(name, spec) for name, spec in value.items())
    names = [name.strip().lower() for name in str(value).split(",") if name.strip()]
    if names == ["none"]:
        return ()
    unknown = [name for name in names if name not in KNOWN_ENGINES]
    if unknown or not names:
        raise ImproperlyConfigured(
            f"MASTHEAD_VERIFIED_CRAWLERS names {', '.join(unknown) or 'nothing'}: use "
            f"{', '.join(KNOWN_ENGINES)} (comma-separated) or none"
        )
    return tuple(KNOWN_ENGINES[name] for name in dict.fromkeys(names))


def _engine(name, spec) -> CrawlerEngine:
    problem = f"MASTHEAD_VERIFIED_CRAWLERS[{name!r}] needs a user_agent and domains"
    if not isinstance(name, str) or not name.isidentifier() or not isinstance(spec, dict):
        raise ImproperlyConfigured(problem)
    user_agent, domains = spec.get("user_agent"), spec.get("domains")
    if not isinstance(user_agent, str) or len(user_agent.strip()) < 3 or not isinstance(domains, list | tuple) or not domains:
        raise ImproperlyConfigured(problem)
    cleaned = tuple(str(domain).strip().lower().strip(".") for domain in domains)
    # A domain of one label ("com") would let anyone's host name pass.
    if any("." not in domain or " " in domain for domain in cleaned):
        raise ImproperlyConfigured(f"MASTHEAD_VERIFIED_CRAWLERS[{name!r}]: each domain needs at least two labels")
    return CrawlerEngine(name=name, user_agent=user_agent.strip(), domains=cleaned, ranges_url=str(spec.get("ranges_url", "")))
