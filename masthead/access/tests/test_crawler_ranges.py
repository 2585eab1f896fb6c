"""`crawler_ranges_refresh`: the engines' address lists, replaced whole or not at all."""

import datetime
import ipaddress
import json
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.core.management import CommandError, call_command

from masthead.access.crawlers import SHIPPED_RANGES, crawler_verified, ranges_path
from masthead.access.engines import KNOWN_ENGINES

pytestmark = pytest.mark.django_db

GOOGLEBOT = KNOWN_ENGINES["googlebot"]
NEW_ADDRESS = "192.178.5.9"
NEW_LIST = {"creationTime": "2026-12-06T10:00:00.000000", "prefixes": [
    {"ipv4Prefix": "192.178.5.0/27"}, {"ipv6Prefix": "2001:4860:4801:2008::/64"}]}  # fmt: skip


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def _refresh(*args) -> str:
    out, err = StringIO(), StringIO()
    call_command("crawler_ranges_refresh", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def _certificate(tmp_path) -> tuple[str, str]:
    """A self-signed certificate for 127.0.0.1 and its key (PEM files)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True, content_commitment=False,
                          key_encipherment=False, data_encipherment=False, key_agreement=False,
                          encipher_only=False, decipher_only=False),  # fmt: skip
            critical=True,
        )
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    certificate_path, key_path = tmp_path / "web-cert.pem", tmp_path / "web-key.pem"
    certificate_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return str(certificate_path), str(key_path)


@pytest.fixture
def web(tmp_path, monkeypatch):
    """A local https server answering each path with what the test put in
    ``pages`` (its certificate trusted for the test, in place of the
    system's), and the same pages over plain http: ``(https_base, pages,
    http_base)``."""
    pages: dict[str, tuple[int, bytes]] = {}
    certificate, key = _certificate(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", certificate)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(certificate, key)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            status, body = pages.get(self.path, (404, b"not found"))
            self.send_response(status)
            if status in (301, 302):
                self.send_header("Location", body.decode())
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    secure, plain = ThreadingHTTPServer(("127.0.0.1", 0), Handler), ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    secure.socket = tls.wrap_socket(secure.socket, server_side=True)
    for server in (secure, plain):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"https://127.0.0.1:{secure.server_port}", pages, f"http://127.0.0.1:{plain.server_port}"
    for server in (secure, plain):
        server.shutdown()
        server.server_close()


def test_the_shipped_lists_are_in_use_until_a_refresh(data_dir):
    assert ranges_path("googlebot") == SHIPPED_RANGES / "googlebot.json"
    assert not crawler_verified(GOOGLEBOT, NEW_ADDRESS)


def test_a_refresh_from_a_file_replaces_the_list_in_use_at_once(data_dir, tmp_path):
    source = tmp_path / "googlebot-new.json"
    source.write_text(json.dumps(NEW_LIST))
    assert "googlebot: 2 prefixes written" in _refresh("--engine", "googlebot", "--from", str(source))
    assert ranges_path("googlebot") == data_dir / "crawler-ranges" / "googlebot.json"
    assert crawler_verified(GOOGLEBOT, NEW_ADDRESS)
    assert crawler_verified(GOOGLEBOT, "2001:4860:4801:2008::7")
    # The new list replaces the shipped one: what it no longer holds, DNS must prove.
    assert not crawler_verified(GOOGLEBOT, "66.249.66.1")
    assert not list((data_dir / "crawler-ranges").glob(".*"))  # no temporary file left


def test_a_refresh_from_a_url(web):
    base, pages, _ = web
    pages["/googlebot.json"] = (200, json.dumps(NEW_LIST).encode())
    _refresh("--engine", "googlebot", "--from", f"{base}/googlebot.json")
    assert crawler_verified(GOOGLEBOT, NEW_ADDRESS)


def test_without_from_each_engine_is_read_from_its_published_url(settings, web):
    base, pages, _ = web
    settings.MASTHEAD_VERIFIED_CRAWLERS = {
        "googlebot": {"user_agent": "Googlebot", "domains": ["googlebot.com"], "ranges_url": f"{base}/g.json"},
        "bingbot": {"user_agent": "bingbot", "domains": ["search.msn.com"], "ranges_url": f"{base}/b.json"},
    }
    pages["/g.json"] = (200, json.dumps(NEW_LIST).encode())
    pages["/b.json"] = (200, json.dumps({"prefixes": [{"ipv4Prefix": "40.77.1.0/24"}]}).encode())
    output = _refresh()
    assert "googlebot: 2 prefixes" in output and "bingbot: 1 prefixes" in output
    assert ranges_path("bingbot").read_bytes() == pages["/b.json"][1]


BAD_LISTS = {
    "not JSON": b"<html>Service unavailable</html>",
    "no prefixes": b'{"creationTime": "2026-12-06", "prefixes": []}',
    "a list, not an object": b'[{"ipv4Prefix": "66.249.64.0/27"}]',
    "a prefix that is no network": b'{"prefixes": [{"ipv4Prefix": "66.249.64.0/27"}, {"ipv4Prefix": "66.249.999.0/27"}]}',
    "host bits set": b'{"prefixes": [{"ipv4Prefix": "66.249.64.1/27"}]}',
    "the whole internet": b'{"prefixes": [{"ipv4Prefix": "0.0.0.0/0"}]}',
    "half the internet": b'{"prefixes": [{"ipv6Prefix": "::/1"}]}',
    "a private network": b'{"prefixes": [{"ipv4Prefix": "10.0.0.0/16"}]}',
    "loopback": b'{"prefixes": [{"ipv4Prefix": "127.0.0.1/32"}]}',
    "the wrong family": b'{"prefixes": [{"ipv4Prefix": "2001:4860:4801:10::/64"}]}',
    "an unknown key": b'{"prefixes": [{"ipPrefix": "66.249.64.0/27"}]}',
    "a number": b'{"prefixes": [{"ipv4Prefix": 1123}]}',
    "neighbours that merge wider than /16": json.dumps(
        {"prefixes": [{"ipv4Prefix": f"8.{n}.0.0/16"} for n in range(4)]}
    ).encode(),
    "narrow prefixes covering too many addresses": json.dumps(
        {"prefixes": [{"ipv4Prefix": f"8.{n}.0.0/16"} for n in range(0, 34, 2)]}
    ).encode(),
    "IPv6 prefixes covering too many addresses": json.dumps(
        {"prefixes": [{"ipv6Prefix": "2001:4860::/32"}, {"ipv6Prefix": "2a00:1450::/32"}]}
    ).encode(),
    "too large": b'{"prefixes": [' + b'{"ipv4Prefix": "66.249.64.0/27"},' * 80_000 + b'{"ipv4Prefix": "66.249.64.0/27"}]}',
}


@pytest.mark.parametrize("wrong", BAD_LISTS, ids=list(BAD_LISTS))
def test_a_malformed_list_is_refused_with_a_clear_error_and_the_old_one_kept(data_dir, tmp_path, wrong):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(NEW_LIST))
    _refresh("--engine", "googlebot", "--from", str(good))
    kept = ranges_path("googlebot").read_bytes()

    bad = tmp_path / "bad.json"
    bad.write_bytes(BAD_LISTS[wrong])
    with pytest.raises(CommandError, match="Not refreshed: googlebot"):
        _refresh("--engine", "googlebot", "--from", str(bad))
    assert ranges_path("googlebot").read_bytes() == kept
    assert crawler_verified(GOOGLEBOT, NEW_ADDRESS)
    assert not crawler_verified(GOOGLEBOT, "10.0.0.1") and not crawler_verified(GOOGLEBOT, "127.0.0.1")
    assert sorted(path.name for path in (data_dir / "crawler-ranges").iterdir()) == ["googlebot.json"]


def test_the_error_says_what_is_wrong(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(BAD_LISTS["the whole internet"])
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("crawler_ranges_refresh", "--engine", "googlebot", "--from", str(bad), stderr=err)
    assert "googlebot: not refreshed, the list in use is kept. Prefix 1 (0.0.0.0/0) is wider than /16" in err.getvalue()


def test_an_unreachable_or_failing_url_keeps_the_shipped_list(web):
    base, pages, _ = web
    pages["/down.json"] = (503, b"{}")
    for url in (f"{base}/down.json", f"{base}/missing.json", "https://127.0.0.1:9/googlebot.json"):
        with pytest.raises(CommandError):
            _refresh("--engine", "googlebot", "--from", url)
    assert ranges_path("googlebot") == SHIPPED_RANGES / "googlebot.json"


def test_a_redirect_is_followed_only_to_another_web_address(web, tmp_path):
    base, pages, _ = web
    pages["/moved.json"] = (302, f"{base}/googlebot.json".encode())
    pages["/googlebot.json"] = (200, json.dumps(NEW_LIST).encode())
    _refresh("--engine", "googlebot", "--from", f"{base}/moved.json")
    assert crawler_verified(GOOGLEBOT, NEW_ADDRESS)
    local = tmp_path / "local.json"
    local.write_text(json.dumps({"prefixes": [{"ipv4Prefix": "8.8.4.0/24"}]}))
    for target in (f"file://{local}", "ftp://127.0.0.1:9/googlebot.json"):
        pages["/elsewhere.json"] = (302, target.encode())
        with pytest.raises(CommandError):
            _refresh("--engine", "googlebot", "--from", f"{base}/elsewhere.json")
    assert crawler_verified(GOOGLEBOT, NEW_ADDRESS) and not crawler_verified(GOOGLEBOT, "8.8.4.4")


def test_the_breadth_errors_say_what_is_wrong(tmp_path):
    for wrong, reason in (
        ("neighbours that merge wider than /16", "Its prefixes together make 8.0.0.0/14, wider than /16"),
        ("narrow prefixes covering too many addresses", "Its IPv4 prefixes cover 1114112 addresses, more than 1048576"),
    ):
        bad = tmp_path / "bad.json"
        bad.write_bytes(BAD_LISTS[wrong])
        err = StringIO()
        with pytest.raises(CommandError):
            call_command("crawler_ranges_refresh", "--engine", "googlebot", "--from", str(bad), stderr=err)
        assert reason in err.getvalue()


def test_a_list_over_plain_http_is_refused_and_so_is_a_redirect_from_https_to_http(web):
    base, pages, plain = web
    pages["/googlebot.json"] = (200, json.dumps(NEW_LIST).encode())
    err = StringIO()
    with pytest.raises(CommandError, match="Not refreshed: googlebot"):
        call_command("crawler_ranges_refresh", "--engine", "googlebot", "--from", f"{plain}/googlebot.json", stderr=err)
    assert "is plain http, which anyone on the way can change: use https, or a file." in err.getvalue()
    pages["/downgrade.json"] = (302, f"{plain}/googlebot.json".encode())
    err = StringIO()
    with pytest.raises(CommandError, match="Not refreshed: googlebot"):
        call_command("crawler_ranges_refresh", "--engine", "googlebot", "--from", f"{base}/downgrade.json", stderr=err)
    assert "redirected from https to" in err.getvalue()
    assert ranges_path("googlebot") == SHIPPED_RANGES / "googlebot.json"
    assert not crawler_verified(GOOGLEBOT, NEW_ADDRESS)


def test_only_files_and_web_addresses_are_read(tmp_path):
    for source in ("file:///etc/passwd", "ftp://example.test/googlebot.json", str(tmp_path / "missing.json")):
        with pytest.raises(CommandError):
            _refresh("--engine", "googlebot", "--from", source)


def test_from_needs_one_engine_and_a_known_one(tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(NEW_LIST))
    with pytest.raises(CommandError, match="--from needs --engine"):
        _refresh("--from", str(good))
    with pytest.raises(CommandError, match="Not refreshed: yandexbot"):
        _refresh("--engine", "yandexbot", "--from", str(good))
