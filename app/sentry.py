"""Errors to Sentry (or any Sentry-compatible tracker), with SENTRY_DSN set.

Off by default: without SENTRY_DSN nothing is imported and nothing is sent. With it,
`sentry-sdk` (requirements-sentry.txt) reports unhandled errors in the web tier
(Flask), failed jobs in the workers (RQ), and ERROR log records from both.

What customers type never leaves: every event goes through `scrub_event` first.

- No request bodies (chat messages, escalation summaries, contacts), cookies, query
  strings, or headers but a few harmless ones (the chat token travels in a header).
- No local variables in stack frames (they hold messages and prompts).
- Exception and log messages lose a database error's parameters and detail lines (the
  values of the row it was writing), and any email address, card number or phone number.
- Breadcrumbs keep their message, scrubbed the same way, and lose their data; job
  arguments, the command line and any user are dropped.
"""

import re

from flask import Flask

from app.support.privacy import EMAIL, EMAIL_MASK, mask_cards

SCRUBBED = "[scrubbed]"
PHONE = re.compile(r"(?<![\w.])\+?\d(?:[ ().-]{0,2}\d){6,14}(?![\w])")
PHONE_MASK = "[phone number removed]"
ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")  # a timestamp's date is not a phone number
# SQLAlchemy: "...\n[SQL: INSERT ...]\n[parameters: ('what the customer typed', ...)]\n
# (Background on this error at: ...)"; PostgreSQL: "DETAIL:  Failing row contains (...)".
SQL_PARAMETERS = re.compile(r"\[parameters: .*?(?=\n\(Background on this error|\Z)", re.S)
DB_DETAIL = re.compile(r"^\s*DETAIL:.*$", re.M)
# Headers worth seeing in a report; everything else (X-Chat-Token, Authorization, cookies,
# forwarded addresses) is dropped.
SAFE_HEADERS = frozenset(
    {"accept", "accept-language", "content-length", "content-type", "host", "user-agent"}
)
# Options the scrubbing depends on: SENTRY_OPTIONS cannot change them.
PRIVATE = {
    "data_collection": {
        "user_info": False,
        "cookies": {"mode": "off"},
        "http_headers": {"request": {"mode": "allowlist", "terms": sorted(SAFE_HEADERS)}},
        "http_bodies": [],
        "url_query_params": {"mode": "off"},
        "gen_ai": {"inputs": False, "outputs": False},
        "database_query_data": False,
        "queues": False,  # job arguments
        "stack_frame_variables": False,
    },
    "include_local_variables": False,
    "max_request_body_size": "never",
    # Only the integrations below: others (SQLAlchemy, Redis, httpx, OpenAI) would record
    # queries, commands and prompts.
    "auto_enabling_integrations": False,
}


def init_sentry(app: Flask) -> bool:
    """Start reporting when SENTRY_DSN is set; True if it did."""
    dsn = app.config["SENTRY_DSN"]
    if not dsn:
        return False
    try:
        import sentry_sdk
        from sentry_sdk.integrations.flask import FlaskIntegration
        from sentry_sdk.integrations.rq import RqIntegration
    except ImportError:
        raise RuntimeError(
            "SENTRY_DSN is set but sentry-sdk is not installed: "
            "pip install -r requirements-sentry.txt"
        ) from None
    sentry_sdk.init(
        **{
            **app.config["SENTRY_OPTIONS"],
            "dsn": dsn,
            "environment": app.config["SENTRY_ENVIRONMENT"],
            "integrations": [FlaskIntegration(), RqIntegration()],
            "before_send": scrub_event,
            "before_breadcrumb": scrub_breadcrumb,
            **PRIVATE,
        }
    )
    return True


def scrub_text(text: str) -> str:
    text = SQL_PARAMETERS.sub(f"[parameters: {SCRUBBED}]", text)
    text = DB_DETAIL.sub(f"DETAIL: {SCRUBBED}", text)
    text = EMAIL.sub(EMAIL_MASK, mask_cards(text))
    return PHONE.sub(_mask_phone, text)


def _mask_phone(match: re.Match) -> str:
    return match.group() if ISO_DATE.match(match.group()) else PHONE_MASK


def _scrub(value):
    """Every string inside, scrubbed."""
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        return {key: _scrub(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(item) for item in value]
    return value


def _frames(event: dict):
    for holder in ("exception", "threads"):
        for value in (event.get(holder) or {}).get("values") or []:
            yield from ((value.get("stacktrace") or {}).get("frames") or [])


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """sentry-sdk's before_send: the event as it may leave this machine."""
    request = event.get("request")
    if request:
        headers = request.get("headers") or {}
        event["request"] = {
            "method": request.get("method"),
            "url": request.get("url"),
            "headers": {k: v for k, v in headers.items() if k.lower() in SAFE_HEADERS},
        }
    event.pop("user", None)
    extra = event.get("extra") or {}
    extra.pop("sys.argv", None)  # a command's arguments (create-staff --password ...)
    job = extra.get("rq-job")
    if isinstance(job, dict):
        for key in ("args", "kwargs", "description"):
            job.pop(key, None)
    for frame in _frames(event):
        frame.pop("vars", None)
    for value in (event.get("exception") or {}).get("values") or []:
        if isinstance(value.get("value"), str):
            value["value"] = scrub_text(value["value"])
    for key in ("logentry", "message", "extra"):
        if key in event:
            event[key] = _scrub(event[key])
    crumbs = event.get("breadcrumbs")
    if isinstance(crumbs, dict):
        crumbs["values"] = [scrub_breadcrumb(c) for c in crumbs.get("values") or []]
    return event


def scrub_breadcrumb(crumb: dict, hint: dict | None = None) -> dict:
    """sentry-sdk's before_breadcrumb: the message scrubbed, no data (a subprocess's
    command line, a URL's query, a log record's arguments)."""
    crumb.pop("data", None)
    if isinstance(crumb.get("message"), str):
        crumb["message"] = scrub_text(crumb["message"])
    return crumb
