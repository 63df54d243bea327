"""Defences every page gets.

- Content-Security-Policy: scripts, styles and images come from this origin only (no
  inline script, no eval, no inline style), so markup that slips into a page (a reply,
  a customer's text) can neither run nor phone home; see `content_security_policy`.
- Framing: the embed view sets `g.frame_ancestors` to the origins of the site that
  embeds it; everything else (the portal, the back office, the API) may not be framed.
- Origin: a browser says where a POST comes from. The chat and the back office only
  accept their own pages' requests; another site's page cannot post into them (the JSON
  API, meant for other programs and sites, is exempt and carries no ambient credential).
- Input the database or the parser cannot take is a 400, not a 500: a NUL in a URL,
  JSON nested too deeply, a JSON string with a lone surrogate.
- HTTPS_ONLY (production): HSTS, and the staff's session and remember-me cookies are
  sent over https only.
"""

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


def content_security_policy(frame_ancestors: list[str] | None) -> str:
    """The policy, with frame-ancestors: the embedding site's origins, or 'none'."""
    ancestors = " ".join(frame_ancestors or []) or "'none'"
    directives = {**POLICY, "frame-ancestors": ancestors}
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def same_origin_only():
    origin = request.headers.get("Origin")
    if request.method not in UNSAFE_METHODS or not origin or request.path.startswith("/api/"):
        return
    # Host (and port) only: behind a TLS proxy the scheme seen here may differ.
    if urlsplit(origin).netloc != request.host:
        abort(403, "This page cannot be used from another site.")


def read_the_body_first():
    # A body over MAX_CONTENT_LENGTH is refused here, with a 413. Met first by a rate
    # limit's key function (which reads the chat token from the form, the API's session
    # from the JSON), the error would make Flask-Limiter take its storage for dead and
    # count in each process's memory from then on. The body is cached for the view.
    if request.method in UNSAFE_METHODS:
        request.get_data(cache=True)


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
