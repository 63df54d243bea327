"""Server-sent events for one pending reply: `reset`, then `delta`s, then `end`.

With workers, the text is relayed from the reply's Redis stream; inline (no Redis, or
Redis down) this request produces the reply itself. Either way `end` carries the
message as it now stands in SQL, rendered (`chat/_message.html`): the final, sanitised
reply, so the browser needs no second request for it; or, if the reply is somehow
still pending, a placeholder the page streams again. `GET /chat/messages/<id>` serves
the same fragment, for pages without JavaScript and as the script's fallback.
"""

import json
import re
import time
from collections.abc import Iterator

from flask import current_app, render_template
from redis.exceptions import RedisError

from app.extensions import db
from app.jobs.connection import RELAY_BLOCK_SECONDS
from app.jobs.live import END, START, live_key
from app.jobs.relay import Entry, live_relay
from app.jobs.replies import produce_streaming
from app.models import Message, Status


def sse(event: str, data: str = "", event_id: str | None = None) -> str:
    head = f"id: {event_id}\n" if event_id else ""
    return f"{head}event: {event}\ndata: {json.dumps(data)}\n\n"


# A Redis stream entry id, as `sse()` sent it: anything else in Last-Event-ID is ignored.
STREAM_ENTRY_ID = re.compile(r"\d{1,20}-\d{1,20}")


class RedisUnreachable(Exception):
    """The relay could not read the reply's stream at all."""


def reply_events(message_id: int, pending: bool, last_event_id: str | None = None) -> Iterator[str]:
    """The events for reply `message_id`; `pending` is its status as the caller just read it."""
    if pending:
        resume = last_event_id if STREAM_ENTRY_ID.fullmatch(last_event_id or "") else "0"
        yield from _live_text(message_id, resume)
    yield sse("end", _final_html(message_id))


def _live_text(message_id: int, after: str) -> Iterator[str]:
    if current_app.config["REDIS_URL"]:
        try:
            yield from _relay(message_id, after)
            return
        except RedisUnreachable:
            pass  # the send could not enqueue it either: produce it here, as without Redis
    text = produce_streaming(message_id)
    if text is None:
        yield from _wait_for_outcome(message_id)  # another request or a worker is writing it
        return
    for delta in text:
        yield sse("delta", delta)


def _final_html(message_id: int) -> str:
    html = render_template("chat/_message.html", message=db.session.get(Message, message_id))
    db.session.rollback()  # release the connection: the response may linger a moment
    return html


def _window_ends() -> float:
    return time.monotonic() + current_app.config["REPLY_CLIENT_TIMEOUT_SECONDS"]


def _is_final(message_id: int) -> bool:
    status = db.session.scalar(db.select(Message.status).filter_by(id=message_id))
    db.session.rollback()  # hold no transaction (nor SQLite lock) while streaming
    return status != Status.PENDING


def _relay(message_id: int, after: str) -> Iterator[str]:
    """Relay the worker's text until its end; RedisUnreachable if Redis failed before any
    text came. The process's one reader reads it (app/jobs/relay.py)."""
    relay = live_relay(current_app.config["REDIS_URL"])
    ends = _window_ends()
    relayed = False
    with relay.follow(live_key(message_id), after) as feed:
        while time.monotonic() < ends:
            try:
                # Waits up to RELAY_BLOCK_SECONDS; when nothing comes, check SQL and tell
                # proxies the connection is alive.
                entries = feed.get(RELAY_BLOCK_SECONDS)
            except RedisError as error:
                if not relayed:
                    raise RedisUnreachable from error
                yield from _wait_for_outcome(message_id)  # the worker still writes SQL
                return
            relayed = relayed or bool(entries)
            events, ended = _as_events(entries)
            if events:
                yield events
            if ended:
                return
            if not entries:
                if _is_final(message_id):
                    return
                yield ": still writing\n\n"


def _as_events(entries: list[Entry]) -> tuple[str, bool]:
    """Stream entries as server-sent events, in one string (what came together goes out in
    one write: on a busy server several batches of text wait at once), and whether the
    text ended."""
    events = []
    for entry_id, fields in entries:
        kind = fields.get("event")
        if kind == END:
            return "".join(events), True
        if kind == START:
            events.append(sse("reset", event_id=entry_id))
        else:
            events.append(sse("delta", fields["text"], event_id=entry_id))
    return "".join(events), False


def _wait_for_outcome(message_id: int) -> Iterator[str]:
    ends = _window_ends()
    while time.monotonic() < ends and not _is_final(message_id):
        yield ": still writing\n\n"
        time.sleep(0.5)
