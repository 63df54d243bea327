"""The chat on other sites: the embed page (framed by the site's pages) and its loader.

The embedded chat is the portal's own chat, served from this origin: its token lives in
this origin's storage (partitioned per host site by today's browsers) and travels in a
header, so it needs no cookie, which browsers block inside third-party iframes.
"""

import re

from flask import Blueprint, abort, current_app, g, render_template, request, send_from_directory

from app.forms import MessageForm
from app.models import Site
from app.models.site import origin_of

bp = Blueprint("embed", __name__)

COLOR = re.compile(r"#[0-9a-fA-F]{3,8}")
DEFAULT_COLOR = "#0b6e4f"


def embedding_site(site_key: str) -> Site:
    site = Site.find(site_key, current_app.config["EMBED_ALLOWED_ORIGINS"])
    if site is None:
        abort(404)
    return site


@bp.get("/embed/<site_key>")
def embed(site_key: str):
    """The chat page that the site's pages frame (only theirs: frame-ancestors)."""
    site = embedding_site(site_key)
    # Browsers enforce frame-ancestors; a Referer from elsewhere is refused here as well.
    referrer = origin_of(request.referrer or "")
    if referrer and referrer != origin_of(request.host_url) and not site.allows(referrer):
        abort(403)
    g.frame_ancestors = site.origins
    return embed_page(site)


def embed_page(site: Site) -> str:
    """The embedded chat, in the colour the loader asked for, with the site's greeting."""
    color = request.args.get("color", DEFAULT_COLOR)
    return render_template(
        "embed/index.html",
        site=site,
        color=color if COLOR.fullmatch(color) else DEFAULT_COLOR,
        form=MessageForm(formdata=None),
        messages=[],
        chat_token=None,
        thread_loaded=False,
    )


@bp.get("/embed/theme.css")
def theme():
    """The site's colour, as a stylesheet (no inline styles, so a strict CSP can stay)."""
    color = request.args.get("color", DEFAULT_COLOR)
    css = f":root {{ --accent: {color if COLOR.fullmatch(color) else DEFAULT_COLOR}; }}\n"
    return css, {"Content-Type": "text/css; charset=utf-8", "Cache-Control": "max-age=86400"}


@bp.get("/widget.js")
def widget():
    """The one-line loader for other sites (app/static/widget.js)."""
    response = send_from_directory(current_app.static_folder, "widget.js", max_age=3600)
    # Any site may load the script itself; what it frames is guarded by frame-ancestors.
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
