"""Defences every page gets.

- Content-Security-Policy: scripts, styles and images come from this origin only (no
  inline script, no eval, no inline style), so markup that slips into a page (a reply,
  a customer's text) can neither run nor phone home; see `content_security_policy`.
- Framing: the embed view sets `g.frame_ancestors` to the origins of the site that
  embeds it; everything else (the portal, the back office, the API) may not be framed.
- Origin: a browser says where a POST comes from. The chat and the back office only
  accept their own pages' requests; another site's page cannot post into them (the JSON
  API, meant for other programs and sites, is exempt and carries no ambient credential).
- Bodies are bounded before anything parses them (the CSRF check, a rate limit's key,
  the view): customers' forms and the API take a few KB and a few fields; the back
  office, whose FAQ imports are large, takes MAX_CONTENT_LENGTH and a thousand fields.
- Input the database or the parser cannot take is a 400, not a 500: a NUL in a URL,
  JSON nested too deeply, a JSON string with a lone surrogate, an Origin that is not a
  URL.
- Responses are private: anything not a static file is sent `Cache-Control: no-store`
  unless its view says otherwise (chat replies, customers' emails, staff pages, exports).
- HTTPS_ONLY (production): HSTS, and the staff's session and remember-me cookies are
  sent over https only.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, g, request
from flask.json.provider import DefaultJSONProvider

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

# Everything from this origin, nothing inline: htmx runs with its indicator styles off
# (base.html's htmx-config; portal.css carries them), and the back office's inline
# event handlers are replaced by app/static/js/admin.js (templates in templates/admin).
POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
}
HSTS = "max-age=31536000; includeSubDomains"


@dataclass(frozen=True)
class BodyLimit:
    bytes: int
    fields: int


# The longest chat message (2,000 characters, percent-encoded at up to 12 bytes each) or
# escalation fits with room to spare; ~4 million empty fields (`a&a&...`, 8 MB) took
# Werkzeug 3 s of CPU to parse, and the URL-encoded parser has no field cap of its own.
CUSTOMER_BODY = BodyLimit(bytes=64 * 1024, fields=32)
# Bulk actions post one field per selected row (page_size 50); imports are multipart.
STAFF_FIELDS = 1000


def content_security_policy(frame_ancestors: list[str] | None, **overrides: str) -> str:
    """The policy, with frame-ancestors: the embedding site's origins, or 'none'; a page
    that needs more (the API docs' data: icons) names it, e.g. img_src="'self' data:"."""
    ancestors = " ".join(frame_ancestors or []) or "'none'"
    changed = {name.replace("_", "-"): value for name, value in overrides.items()}
    directives = {**POLICY, **changed, "frame-ancestors": ancestors}
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def same_origin_only():
    origin = request.headers.get("Origin")
    if request.method not in UNSAFE_METHODS or not origin or request.path.startswith("/api/"):
        return
    # Host (and port) only: behind a TLS proxy the scheme seen here may differ.
    if _netloc(origin) != request.host:
        abort(403, "This page cannot be used from another site.")


def _netloc(url: str) -> str | None:
    try:
        return urlsplit(url).netloc
    except ValueError:  # `http://[`: not a URL, so not this site
        return None


def body_limit() -> BodyLimit:
    largest = current_app.config["MAX_CONTENT_LENGTH"]  # the operator's, for every door
    if request.path.startswith("/admin/"):
        return BodyLimit(bytes=largest, fields=STAFF_FIELDS)
    return BodyLimit(bytes=min(CUSTOMER_BODY.bytes, largest), fields=CUSTOMER_BODY.fields)


def read_the_body_first():
    """Refuse an oversized body or too many fields (413) before anything parses it.

    Met first by a rate limit's key function (which reads the chat token from the form,
    the API's session from the JSON), the error would make Flask-Limiter take its
    storage for dead and count in each process's memory from then on. The body is
    cached for the view.
    """
    if request.method not in UNSAFE_METHODS:
        return
    limit = body_limit()
    request.max_content_length = limit.bytes  # refused from Content-Length, unread
    request.max_form_parts = limit.fields  # multipart: Werkzeug counts the parts
    body = request.get_data(cache=True)
    if request.mimetype == "application/x-www-form-urlencoded" and body.count(b"&") >= limit.fields:
        abort(413, "This form has too many fields.")


def refuse_nul_in_url():
    # A NUL is never meant in a URL, and PostgreSQL refuses it in text: a key or search
    # carrying one would fail in the query (a 500) instead of simply matching nothing.
    if "\x00" in request.path or b"%00" in request.query_string:
        abort(400, "This address is not valid.")


def security_headers(response):
    ancestors = g.get("frame_ancestors")
    if ancestors is None:
        response.headers["X-Frame-Options"] = "DENY"
    # No X-Frame-Options on the embed page: it cannot name origins, and DENY would win.
    response.headers.setdefault("Content-Security-Policy", content_security_policy(ancestors))
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if current_app.config["HTTPS_ONLY"]:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    if request.endpoint != "static":
        # Chats, emails, staff pages and exports stay out of shared and browser caches.
        response.headers.setdefault("Cache-Control", "no-store")
    return response


class JSONProvider(DefaultJSONProvider):
    """Flask's JSON, refusing as invalid (a ValueError, which `request.get_json` turns
    into a 400 or, silent, into None) two inputs Python's parser accepts or chokes on:

    - nesting past the recursion limit (a few kilobytes of `[[[[`): a RecursionError
      would escape as a 500;
    - a lone surrogate escape (`"\\ud800"`): a string no database or page can encode,
      which would fail later, when it is saved.
    """

    def loads(self, s, **kwargs):
        try:
            value = super().loads(s, **kwargs)
        except RecursionError:
            raise ValueError("JSON nested too deeply") from None
        _refuse_lone_surrogates(value)
        return value


def _refuse_lone_surrogates(value) -> None:
    pending = [value]  # a loop, not recursion: the value may be nested ~1000 deep
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError("JSON string with a lone surrogate") from None


def init_security(app: Flask) -> None:
    app.json = JSONProvider(app)
    if app.config["HTTPS_ONLY"]:
        # Staff cookies never travel over plain http (SESSION_COOKIE_SECURE alone, the
        # older setting, still secures the session cookie).
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
    app.before_request(same_origin_only)
    app.before_request(refuse_nul_in_url)
    app.before_request(read_the_body_first)
    app.after_request(security_headers)
