import pytest

from boardgen.urls import check_web_url


@pytest.mark.parametrize(
    "url",
    [
        "https://acme.example/jobs/1",
        "http://careers.acme.example/apply?id=3#top",
        "https://münchen.example/jobs",
        "https://xn--mnchen-3ya.example/",
        "https://acme.example:8443/jobs",
    ],
)
def test_public_web_urls_are_accepted(url: str) -> None:
    assert check_web_url(f"  {url} ") == url


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "javascript: URLs are not allowed"),
        ("JaVaScRiPt:alert(1)", "javascript: URLs are not allowed"),
        ("data:text/html,<script>", "data: URLs are not allowed"),
        ("file:///etc/passwd", "file: URLs are not allowed"),
        ("ftp://acme.example/x", "ftp: URLs are not allowed"),
        ("acme.example/jobs", "no scheme URLs are not allowed"),
        ("https://user:pw@acme.example/", "user name or password"),
        ("https://user@acme.example/", "user name or password"),
        ("https://127.0.0.1/admin", "is an IP address"),
        ("https://[::1]/", "is an IP address"),
        ("https://2130706433/", "is an IP address"),
        ("https://0x7f.1/", "is an IP address"),
        ("https://localhost/", "not a valid public host name"),
        ("https://acme..example/", "not a valid host name"),
        ("https://acme.example:99999/", "not a valid URL"),
        ("https://acme.example/a b", "spaces or control characters"),
        ("https://acme.example/" + "a" * 2100, "longer than 2048"),
        ("", "URL is empty"),
    ],
)
def test_unsafe_or_malformed_urls_are_refused(url: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_web_url(url)


def test_private_addresses_only_when_allowed() -> None:
    assert check_web_url("http://127.0.0.1:8080/feed.xml", allow_private=True)
    assert check_web_url("http://localhost:8080/feed.xml", allow_private=True)
    with pytest.raises(ValueError, match="javascript"):
        check_web_url("javascript:alert(1)", allow_private=True)
