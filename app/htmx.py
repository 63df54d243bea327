"""The little of htmx the server needs to know."""

from flask import request


def is_htmx() -> bool:
    """True for requests htmx makes; those get a fragment instead of a full page."""
    return request.headers.get("HX-Request") == "true"
