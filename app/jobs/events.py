"""Server-sent events for one pending reply: `reset`, then `delta`s, then `end`.

With workers, the text is relayed from the reply's Redis stream; inline (no Redis, or
Redis down) this request produces the reply itself. Either way the browser fetches
the final, sanitised message after `end`.
"""

import json
import time
from collections.abc import Iterator

from flask import current_app
from redis.exceptions import RedisError

from app.extensions import db
from app.jobs.connection import RELAY_BLOCK_SECONDS, queue_available, relay_connection
from app.jobs.live import END, START, read_live
from app.jobs.replies import claim, write_reply
from app.models import Message, Status


def sse(event: str, data: str = "", event_id: str | None = None) -> str:
    head = f"id: {event_id}\n" if event_id else ""
    return f"{head}event: {event}\ndata: {json.dumps(data)}\n\n"


def reply_events(message_id: int, last_event_id: str | None = None) -> Iterator[str]:
    if _is_final(message_id):
        pass  # already answered: the page just fetches it
    elif queue_available():
        yield from _relay(message_id, last_event_id or "0")
    elif claim(message_id):
        for delta in write_reply(message_id):
            yield sse("delta", delta)
    else:
        yield from _wait_for_outcome(message_id)  # another request is writing it
    yield sse("end")


def _window_ends() -> float:
    return time.monotonic() + current_app.config["REPLY_CLIENT_TIMEOUT_SECONDS"]


def _is_final(message_id: int) -> bool:
    status = db.session.scalar(db.select(Message.status).filter_by(id=message_id))
    db.session.rollback()  # hold no transaction (nor SQLite lock) while streaming
    return status != Status.PENDING


def _relay(message_id: int, after: str) -> Iterator[str]:
    connection = relay_connection()
    ends = _window_ends()
    while time.monotonic() < ends:
        try:
            # Waits up to RELAY_BLOCK_SECONDS; when nothing comes, check SQL and tell
            # proxies the connection is alive.
            entries = read_live(connection, message_id, after, RELAY_BLOCK_SECONDS * 1000)
        except RedisError:
            yield from _wait_for_outcome(message_id)
            return
        for entry_id, fields in entries:
            after = entry_id
            if fields.get("event") == START:
                yield sse("reset", event_id=entry_id)
            elif fields.get("event") == END:
                return
            else:
                yield sse("delta", fields["text"], event_id=entry_id)
        if not entries:
            if _is_final(message_id):
                return
            yield ": still writing\n\n"


def _wait_for_outcome(message_id: int) -> Iterator[str]:
    ends = _window_ends()
    while time.monotonic() < ends and not _is_final(message_id):
        yield ": still writing\n\n"
        time.sleep(0.5)
