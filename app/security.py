"""Defences every page gets.

- Framing: the embed view sets `g.frame_ancestors` to the origins of the site that
  embeds it; everything else (the portal, the back office, the API) may not be framed.
- Origin: a browser says where a POST comes from. The chat and the back office only
  accept their own pages' requests; another site's page cannot post into them (the JSON
  API, meant for other programs and sites, is exempt and carries no ambient credential).
"""

from urllib.parse import urlsplit

from flask import Flask, abort, g, request

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def same_origin_only():
    origin = request.headers.get("Origin")
    if request.method not in UNSAFE_METHODS or not origin or request.path.startswith("/api/"):
        return
    # Host (and port) only: behind a TLS proxy the scheme seen here may differ.
    if urlsplit(origin).netloc != request.host:
        abort(403, "This page cannot be used from another site.")


def frame_headers(response):
    ancestors = g.get("frame_ancestors")
    if ancestors is None:
        response.headers["X-Frame-Options"] = "DENY"
        policy = "frame-ancestors 'none'"
    else:
        # No X-Frame-Options here: it cannot name origins, and DENY would win.
        policy = "frame-ancestors " + (" ".join(ancestors) or "'none'")
    response.headers.setdefault("Content-Security-Policy", policy)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    return response


def init_security(app: Flask) -> None:
    app.before_request(same_origin_only)
    app.after_request(frame_headers)
