"""Whether a request comes from a search engine's crawler, proved by its address.

A user-agent that names a crawler ("Googlebot", "bingbot") is only a claim:
anyone can send it. It makes the site check, and grants nothing. A claim is
verified when the request's address (the same client address the rest of
the site uses: allauth's, behind ``MASTHEAD_TRUSTED_PROXY_COUNT`` proxies)

- lies in one of the engine's published address ranges (a JSON file in the
  engines' own format, shipped under ``access/data/`` and refreshed into
  ``MASTHEAD_DATA_DIR/crawler-ranges/`` by ``manage.py crawler_ranges_refresh``),
  or
- names, by reverse DNS, a host in one of the engine's domains (on a label
  boundary: ``crawl-1.googlebot.com``, never ``evilgooglebot.com`` or
  ``googlebot.com.evil.net``) whose forward lookup (of the absolute name,
  so no resolver search list applies) gives the same address.

DNS answers are kept for ``MASTHEAD_CRAWLER_CACHE_SECONDS``, so a flood of
requests claiming to be Googlebot costs one lookup per address, not one per
request: a "yes" in the shared cache, a "no" in each process's own bounded
memory (claims from endless addresses must not fill the shared cache; an
IPv6 "no" stands for its whole /64, which its holder controls). Lookups run
with a time limit (``MASTHEAD_CRAWLER_DNS_TIMEOUT_MS``): a slow or failing
resolver means "not verified" (kept for a minute), never a page that hangs.
The resolver is injectable (``Resolver``), so tests never touch real DNS.
"""

import ipaddress
import json
import logging
import os
import socket
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, PermissionDenied

from masthead.core.localcache import LocalCache

from .app_settings import app_settings
from .engines import CrawlerEngine

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

SHIPPED_RANGES = Path(__file__).resolve().parent / "data"
# A range list larger than this, or with more prefixes, is not an engine's list.
RANGES_MAX_BYTES = 2_000_000
RANGES_MAX_PREFIXES = 20_000
# No engine crawls from a block this wide; a list that claims one is refused
# (a /0 would make every reader a crawler). Checked on each prefix and again
# once neighbours are merged.
RANGES_WIDEST = {4: 16, 6: 32}
# Nor does any engine's whole list cover more than this many addresses of a
# family (Google's is a few hundred /27s and /64s, Bing's a few hundred /24s):
# many narrow prefixes must not add up to a third of the internet.
RANGES_MOST_ADDRESSES = {4: 2**20, 6: 2**96}
# How long a lookup that failed (timed out, resolver error) counts as "no":
# short, so a DNS hiccup does not hide a real crawler for hours.
FAILED_LOOKUP_SECONDS = 60
URL_TIMEOUT_SECONDS = 20


# --- The engines ------------------------------------------------------------


def crawler_engines() -> tuple[CrawlerEngine, ...]:
    return app_settings.VERIFIED_CRAWLERS


def engine_claimed(user_agent: str) -> CrawlerEngine | None:
    """The engine whose crawler ``user_agent`` claims to be, if any (a claim only)."""
    if not user_agent:
        return None
    return next((engine for engine in crawler_engines() if engine.claimed_by(user_agent[:512])), None)


def engine_named(name: str) -> CrawlerEngine:
    for engine in crawler_engines():
        if engine.name == name:
            return engine
    raise CrawlerRangesInvalid(f"No verified crawler is named {name!r} (MASTHEAD_VERIFIED_CRAWLERS).")


# --- Address ranges ---------------------------------------------------------


class CrawlerRangesInvalid(ValueError):
    """A range list that is not an engine's list: nothing is changed."""


def ranges_parse(raw: bytes | str) -> tuple[IPNetwork, ...]:
    """The networks of a range list in the engines' format
    (``{"creationTime": …, "prefixes": [{"ipv4Prefix": "66.249.64.0/27"},
    {"ipv6Prefix": "2001:4860:4801:10::/64"}]}``), or CrawlerRangesInvalid
    saying what is wrong. Strict: every prefix must be a public network no
    wider than RANGES_WIDEST, written as a network (no host bits)."""
    if len(raw) > RANGES_MAX_BYTES:
        raise CrawlerRangesInvalid(f"The list is larger than {RANGES_MAX_BYTES} bytes.")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise CrawlerRangesInvalid(f"The list is not JSON ({error}).") from None
    prefixes = data.get("prefixes") if isinstance(data, dict) else None
    if not isinstance(prefixes, list) or not prefixes:
        raise CrawlerRangesInvalid('The list has no "prefixes".')
    if len(prefixes) > RANGES_MAX_PREFIXES:
        raise CrawlerRangesInvalid(f"The list has more than {RANGES_MAX_PREFIXES} prefixes.")
    networks = [_prefix(item, number) for number, item in enumerate(prefixes, start=1)]
    # Overlapping and adjacent prefixes merged: fewer to test per request.
    merged = []
    for version in (4, 6):
        family = list(ipaddress.collapse_addresses(network for network in networks if network.version == version))
        for network in family:
            if network.prefixlen < RANGES_WIDEST[version]:
                raise CrawlerRangesInvalid(
                    f"Its prefixes together make {network}, wider than /{RANGES_WIDEST[version]}: "
                    "no crawler uses such a block."
                )
        covered = sum(network.num_addresses for network in family)
        if covered > RANGES_MOST_ADDRESSES[version]:
            raise CrawlerRangesInvalid(
                f"Its IPv{version} prefixes cover {covered} addresses, more than {RANGES_MOST_ADDRESSES[version]}: "
                "no engine crawls from so many."
            )
        merged.extend(family)
    return tuple(merged)


def _prefix(item, number: int) -> IPNetwork:
    keys = {"ipv4Prefix": 4, "ipv6Prefix": 6}
    if not isinstance(item, dict) or len(item) != 1 or next(iter(item)) not in keys:
        raise CrawlerRangesInvalid(f'Prefix {number} is not {{"ipv4Prefix": …}} or {{"ipv6Prefix": …}}.')
    key, value = next(iter(item.items()))
    if not isinstance(value, str) or len(value) > 64:
        raise CrawlerRangesInvalid(f"Prefix {number} is not a network.")
    try:
        network = ipaddress.ip_network(value.strip(), strict=True)
    except ValueError:
        raise CrawlerRangesInvalid(f"Prefix {number} ({value!r}) is not a network.") from None
    if network.version != keys[key]:
        raise CrawlerRangesInvalid(f"Prefix {number} ({value}) is not an IPv{keys[key]} network.")
    if network.prefixlen < RANGES_WIDEST[network.version]:
        raise CrawlerRangesInvalid(
            f"Prefix {number} ({value}) is wider than /{RANGES_WIDEST[network.version]}: no crawler uses such a block."
        )
    if not network.is_global:
        raise CrawlerRangesInvalid(f"Prefix {number} ({value}) is not a public network.")
    return network


def ranges_path(engine_name: str) -> Path:
    """The list in use: the refreshed copy in the data folder, else the shipped one."""
    refreshed = refreshed_ranges_path(engine_name)
    return refreshed if refreshed.exists() else SHIPPED_RANGES / f"{engine_name}.json"


def refreshed_ranges_path(engine_name: str) -> Path:
    return Path(settings.DATA_DIR) / "crawler-ranges" / f"{engine_name}.json"


def engine_networks(engine_name: str) -> tuple[IPNetwork, ...]:
    """The engine's networks, read once per process and again when the file
    changes (a refresh takes effect without a restart). A list that cannot be
    read counts as empty (logged): reverse DNS still verifies."""
    path = ranges_path(engine_name)
    try:
        found = path.stat()
    except OSError:
        return ()
    # A refresh writes a new file (a new inode): a change is seen even
    # within the file system's timestamp resolution.
    return _networks_of(str(path), (found.st_ino, found.st_mtime_ns, found.st_size))


@lru_cache(maxsize=16)
def _networks_of(path: str, stamp: tuple[int, int, int]) -> tuple[IPNetwork, ...]:
    try:
        return ranges_parse(Path(path).read_bytes())
    except (OSError, CrawlerRangesInvalid) as error:
        logger.error("Crawler address list %s not used: %s", path, error)
        return ()


def in_published_ranges(engine: CrawlerEngine, address: IPAddress) -> bool:
    return any(address in network for network in engine_networks(engine.name))


def crawler_ranges_refresh(*, engine_name: str, source: str | None = None) -> int:
    """Replace the engine's address list with the one at ``source`` (a file
    or an https URL; by default the engine's published URL). The new list
    is checked in full first and written with a rename: a bad list changes
    nothing, and no process ever reads half a file. Returns how many
    prefixes it holds."""
    engine = engine_named(engine_name)
    source = source or engine.ranges_url
    if not source:
        raise CrawlerRangesInvalid(f"{engine.name} has no published list: name one with --from.")
    raw = _read_source(source)
    ranges_parse(raw)
    target = refreshed_ranges_path(engine.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{engine.name}-", suffix=".json")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(raw if isinstance(raw, bytes) else raw.encode())
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(json.loads(raw)["prefixes"])


class _NoDowngrade(urllib.request.HTTPRedirectHandler):
    """Redirects followed, except from https to plain http (or anything
    else): a list asked for over https is never read where anyone on the way
    can change it."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if req.full_url.lower().startswith("https://") and not newurl.lower().startswith("https://"):
            raise urllib.error.HTTPError(newurl, code, f"redirected from https to {newurl}, refused", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _web_only() -> urllib.request.OpenerDirector:
    """urllib for http(s) only: a redirect to ftp:// or file:// is an error,
    not a fetch, and so is one from https to http."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.HTTPHandler,
        urllib.request.HTTPSHandler,
        _NoDowngrade,
        urllib.request.HTTPDefaultErrorHandler,
        urllib.request.HTTPErrorProcessor,
    ):
        opener.add_handler(handler())
    return opener


def _read_source(source: str) -> bytes:
    if source.lower().startswith("http://"):
        raise CrawlerRangesInvalid(
            f"{source} is plain http, which anyone on the way can change: use https, or a file."
        )
    if source.lower().startswith("https://"):
        try:
            with _web_only().open(source, timeout=URL_TIMEOUT_SECONDS) as answer:
                raw = answer.read(RANGES_MAX_BYTES + 1)
        except (OSError, ValueError) as error:
            raise CrawlerRangesInvalid(f"Could not fetch {source}: {error}") from None
    elif "://" in source:
        raise CrawlerRangesInvalid(f"Only a file or an https URL can be read, not {source}.")
    else:
        try:
            with open(source, "rb") as file:
                raw = file.read(RANGES_MAX_BYTES + 1)
        except OSError as error:
            raise CrawlerRangesInvalid(f"Could not read {source}: {error.strerror or error}") from None
    if len(raw) > RANGES_MAX_BYTES:
        raise CrawlerRangesInvalid(f"The list is larger than {RANGES_MAX_BYTES} bytes.")
    return raw


# --- DNS ----------------------------------------------------------------------


class Resolver(Protocol):
    def reverse(self, address: str) -> str:
        """The host name an address's PTR record names (OSError when none)."""

    def forward(self, host: str) -> list[str]:
        """The addresses a host name resolves to (OSError when none)."""


class SystemResolver:
    def reverse(self, address: str) -> str:
        return socket.gethostbyaddr(address)[0]

    def forward(self, host: str) -> list[str]:
        return [info[4][0] for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)]


# The resolver verification asks; tests put their own in its place.
resolver: Resolver = SystemResolver()

# Lookups run here so a slow resolver cannot hold a page past the time limit.
# A slow answer (an attacker controls the reverse zone of their own
# addresses) holds a thread until the resolver gives up; while every thread
# is busy no lookup is started or queued: the request is read as a reader's
# at once. Addresses in the published ranges never need a thread.
LOOKUPS_AT_ONCE = 4
_lookups = ThreadPoolExecutor(max_workers=LOOKUPS_AT_ONCE, thread_name_prefix="crawler-dns")
_lookup_slots = threading.BoundedSemaphore(LOOKUPS_AT_ONCE)


# "Not verified", kept in each process's own bounded memory: anyone can claim
# to be a crawler from as many addresses as they hold, and those claims must
# not fill the shared cache (a full database cache culls login limits with
# the rest, a full Redis evicts sessions). Only proved crawlers, whose
# addresses nobody can forge, are kept in the shared cache. Wall-clock time,
# so a test's travelling clock moves it.
_refused = LocalCache(max_entries=10_000, clock=time.time)


def crawler_answers_forget() -> None:
    """Forget this process's "not verified" answers (tests start afresh)."""
    _refused.clear()


class _LookupFailed(Exception):
    pass


def dns_confirms(engine: CrawlerEngine, address: IPAddress, dns: Resolver) -> bool:
    """Reverse lookup to a host of the engine's, confirmed by a forward lookup
    giving the same address. No answer (no PTR, no such host) is a "no";
    anything else that goes wrong is _LookupFailed."""
    try:
        host = dns.reverse(str(address))
    except (socket.herror, socket.gaierror):
        return False
    except OSError as error:
        raise _LookupFailed(error) from None
    if not isinstance(host, str) or not engine.owns_host(host):
        return False
    try:
        # The absolute name: a relative one lets the resolver try it under
        # the machine's search domains (first of all, where ndots is high),
        # and a name there is not Google's to answer for.
        answers = dns.forward(host.rstrip(".") + ".")
    except socket.gaierror as error:
        if error.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)):
            return False
        raise _LookupFailed(error) from None
    except OSError as error:
        raise _LookupFailed(error) from None
    return address in {_address(answer) for answer in answers}


def _address(text: str) -> IPAddress | None:
    try:
        found = ipaddress.ip_address(str(text).split("%", 1)[0])
    except ValueError:
        return None
    if found.version == 6 and found.ipv4_mapped is not None:
        return found.ipv4_mapped
    return found


def _confirm_then_free(slots, engine: CrawlerEngine, address: IPAddress, dns: Resolver) -> bool:
    try:
        return dns_confirms(engine, address, dns)
    finally:
        slots.release()


def _refused_key(engine: CrawlerEngine, address: IPAddress) -> str:
    """Where a "no" is kept: per IPv4 address, per IPv6 /64. Whoever has one
    IPv6 address has its whole /64 (and its reverse zone): a "no" kept per
    address would let them make each request wait for DNS again from a new
    one. A crawler's "yes" stays per address."""
    if address.version == 6:
        return f"crawler-no:{engine.name}:{ipaddress.ip_network((address, 64), strict=False).compressed}"
    return f"crawler-no:{engine.name}:{address.compressed}"


def crawler_verified(engine: CrawlerEngine, address: str, *, dns: Resolver | None = None) -> bool:
    """Whether ``address`` belongs to ``engine``'s crawler: its published
    ranges, else reverse DNS confirmed forward (answers cached, time-limited)."""
    found = _address(address)
    if found is None:
        return False
    if in_published_ranges(engine, found):
        return True
    key = f"crawler:{engine.name}:{found.compressed}"
    refused_key = _refused_key(engine, found)
    if _refused.get(refused_key):
        # A /64's "no" does not undo an address of it already proved.
        return found.version == 6 and cache.get(key) == 1
    if cache.get(key) == 1:
        return True
    dns = dns or resolver
    slots = _lookup_slots
    if not slots.acquire(blocking=False):
        logger.warning("Could not verify %s as %s: every lookup thread is busy", found, engine.name)
        return False
    try:
        lookup = _lookups.submit(_confirm_then_free, slots, engine, found, dns)
    except BaseException:
        slots.release()
        raise
    try:
        verified = lookup.result(timeout=app_settings.CRAWLER_DNS_TIMEOUT_MS / 1000)
    except (FutureTimeout, _LookupFailed) as error:
        logger.warning("Could not verify %s as %s: %s", found, engine.name, error or "timed out")
        _refused.set(refused_key, True, FAILED_LOOKUP_SECONDS)
        return False
    except Exception:  # a resolver's bug must not take the page down
        logger.exception("Could not verify %s as %s", found, engine.name)
        _refused.set(refused_key, True, FAILED_LOOKUP_SECONDS)
        return False
    if verified:
        cache.set(key, 1, app_settings.CRAWLER_CACHE_SECONDS)
    else:
        _refused.set(refused_key, True, app_settings.CRAWLER_CACHE_SECONDS)
    return verified


# --- Requests -------------------------------------------------------------------


def client_address(request) -> str | None:
    """The request's address, as the rest of the site reads it (allauth's
    adapter: X-Forwarded-For only as far as MASTHEAD_TRUSTED_PROXY_COUNT
    trusts it). None when it cannot be told."""
    try:
        return get_adapter().get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        return None


def request_crawler_check(request):
    """For a request whose user-agent claims a verified engine's crawler: the
    check that proves it (run only when the access decision asks). None for
    every other request."""
    engine = engine_claimed(request.META.get("HTTP_USER_AGENT", ""))
    if engine is None:
        return None

    def check() -> bool:
        address = client_address(request)
        return address is not None and crawler_verified(engine, address)

    return check
