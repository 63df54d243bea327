"""Live reply text on its way from a worker to the browser, through a Redis stream.

The worker appends each delta to `reply:<id>:live`; the web tier reads the stream from
the start (or from the browser's Last-Event-ID) and relays it, so nothing written
before the browser connected is missed. SQL stays the source of truth: the stream is
only the text so far, and expires.
"""

import logging

from redis import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

LIVE_TTL_SECONDS = 3600
START, END = "start", "end"


def live_key(message_id: int) -> str:
    return f"reply:{message_id}:live"


class LiveReply:
    """The writer's side. Best effort: if Redis fails, the reply still reaches SQL."""

    def __init__(self, connection: Redis, message_id: int) -> None:
        self.connection = connection
        self.key = live_key(message_id)
        self.broken = False

    def _add(self, fields: dict[str, str], restart: bool = False) -> None:
        if self.broken:
            return
        try:
            pipe = self.connection.pipeline()
            if restart:
                pipe.delete(self.key)  # a retry starts the text over
            pipe.xadd(self.key, fields)
            pipe.expire(self.key, LIVE_TTL_SECONDS)
            pipe.execute()
        except RedisError:
            log.warning("live text for %s unavailable; the reply still lands in SQL", self.key)
            self.broken = True

    def start(self) -> None:
        self._add({"event": START}, restart=True)

    def append(self, text: str) -> None:
        self._add({"text": text})

    def end(self) -> None:
        self._add({"event": END})


def read_live(
    connection: Redis, message_id: int, after: str, block_ms: int
) -> list[tuple[str, dict]]:
    """Entries after id `after` ("0" for all), waiting up to `block_ms` for the first one."""
    found = connection.xread({live_key(message_id): after}, count=500, block=block_ms)
    if not found:
        return []
    return [
        (entry_id.decode(), {k.decode(): v.decode() for k, v in fields.items()})
        for entry_id, fields in found[0][1]
    ]
