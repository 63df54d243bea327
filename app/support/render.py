"""Model output is untrusted: markdown to HTML, then an allow-list sanitiser."""

from collections.abc import Iterable
from urllib.parse import urlsplit

import nh3
from flask import current_app
from markdown_it import MarkdownIt
from markupsafe import Markup

# js-default: CommonMark with raw HTML off and javascript:/data: links refused.
_markdown = MarkdownIt("js-default")

# No <img> (markdown images can leak the conversation to another host), no forms, no
# attributes beyond a link's href, so nothing the page's htmx could act on survives.
ALLOWED_TAGS = {
    "a", "blockquote", "br", "code", "em", "h3", "h4", "hr", "li", "ol", "p", "pre",
    "strong", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"https", "mailto"}


def on_allowed_host(url: str, hosts: Iterable[str]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == allowed or host.endswith("." + allowed) for allowed in hosts)


def link_hosts() -> list[str]:
    """LINK_HOSTS, or the portal's own host: the only places a reply may link to."""
    config = current_app.config
    hosts = [h.strip().lower() for h in config["LINK_HOSTS"].split(",") if h.strip()]
    own = urlsplit(config["PUBLIC_BASE_URL"]).hostname
    return hosts + ([own] if own else [])


def render_markdown(text: str) -> Markup:
    """Safe HTML for a model reply; the only HTML the templates mark safe.

    A link survives only to mailto: or https: on a host the business lists: a reply
    steered by injected text cannot send the customer (or their data, in a query
    string) anywhere else. A dropped link keeps its text.
    """
    hosts = link_hosts()

    def keep_href(tag: str, attribute: str, value: str) -> str | None:
        if tag == "a" and attribute == "href" and not value.startswith("mailto:"):
            return value if on_allowed_host(value, hosts) else None
        return value

    clean = nh3.clean(
        _markdown.render(text),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        attribute_filter=keep_href,
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(clean)
