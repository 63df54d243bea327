"""Model output is untrusted: markdown to HTML, then an allow-list sanitiser."""

import nh3
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


def render_markdown(text: str) -> Markup:
    """Safe HTML for a model reply; the only HTML the templates mark safe."""
    html = _markdown.render(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(clean)
