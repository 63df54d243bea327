"""Live reply text on its way from a worker to the browser, through a Redis stream.

The worker appends the text to `reply:<id>:live` as it arrives; the web tier reads the
stream from the start (or from the browser's Last-Event-ID) and relays it, so nothing
written before the browser connected is missed. SQL stays the source of truth: the
stream is only the text so far, and expires. The text it is given is already guarded:
write_reply holds back anything that could be the rules' canary (app/support/canary.py),
so nothing published here can leak it.
"""

import logging
import time

from redis import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

LIVE_TTL_SECONDS = 3600
START, END = "start", "end"
# Deltas arriving within this long of the last write go out together: one Redis write
# and one server-sent event for a few tokens instead of each. Every write costs a round
# trip here, then a relay read and an event in the web tier and a repaint in the
# browser; ten updates a second (five words at a time at 50 tokens/s) still reads as
# smooth typing. The first text after a pause always goes at once, so the customer
# sees the first words without delay.
BATCH_SECONDS = 0.1


def live_key(message_id: int) -> str:
    return f"reply:{message_id}:live"


class LiveReply:
    """The writer's side. Best effort: if Redis fails, the reply still reaches SQL."""

    def __init__(self, connection: Redis, message_id: int) -> None:
        self.connection = connection
        self.key = live_key(message_id)
        self.broken = False
        self.pending: list[str] = []
        self.last_write = 0.0

    def _write(self, *entries: dict[str, str], restart: bool = False, expire: bool = False) -> None:
        if self.broken:
            return
        try:
            pipe = self.connection.pipeline(transaction=False)
            if restart:
                pipe.delete(self.key)  # a retry starts the text over
            for fields in entries:
                pipe.xadd(self.key, fields)
            if expire:
                pipe.expire(self.key, LIVE_TTL_SECONDS)
            pipe.execute()
        except RedisError:
            log.warning("live text for %s unavailable; the reply still lands in SQL", self.key)
            self.broken = True
        self.last_write = time.monotonic()

    def start(self) -> None:
        self._write({"event": START}, restart=True, expire=True)

    def append(self, text: str) -> None:
        self.pending.append(text)
        if time.monotonic() - self.last_write >= BATCH_SECONDS:
            self._flush()

    def _flush(self) -> None:
        if self.pending:
            self._write({"text": "".join(self.pending)})
            self.pending = []

    def end(self) -> None:
        entries = [{"text": "".join(self.pending)}] if self.pending else []
        self.pending = []
        self._write(*entries, {"event": END}, expire=True)
