"""One reader of live reply text per web process: the relay's side of app/jobs/live.py.

Every reply a web process streams to a browser is read by the same reader: one XREAD
over all their Redis streams at a time, whose entries go to each request following that
reply. A blocking read per stream held a Redis connection per streaming customer (273 at
once for 200 customers in `make bench`) and cost a round trip per batch of text per
reply; a new connection, slow to open on a busy machine, failed now and then, and the
reply was then written in the web process itself. Now a process holds one connection for
all of them, and each round trip brings whatever every stream has new.

The reader is a thread (a greenlet in gunicorn's gevent workers, whose threading is
patched), started when a first request follows a reply and ending when the last stops.
It never blocks for long (READ_BLOCK_MS), so a request that starts following while it
waits is read at the next turn.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from redis import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

Entry = tuple[str, dict[str, str]]  # a stream entry's id and its fields

READ_BLOCK_MS = 100  # a request that starts following waits at most this for its first read
# Reads at most this often: each one names every stream followed, so with many replies on
# their way, reading as soon as any had news would cost a read (and all their names) per
# batch of text. Text then waits up to this long here; the worker batches it by 100 ms.
READ_EVERY_SECONDS = 0.015
MAX_ENTRIES = 500  # per stream and read
RETRY_AFTER_ERROR_SECONDS = 0.2  # Redis failed: its followers are told; the next try waits


def _order(entry_id: str) -> tuple[int, int]:
    milliseconds, _, sequence = entry_id.partition("-")
    return int(milliseconds), int(sequence or 0)


def _from(after: str) -> str:
    """`after` if Redis can read from it, else "0" (the start). One read serves every
    stream a process follows: an id Redis refuses (a browser's Last-Event-ID past 64 bits)
    would fail it for all of them."""
    try:
        return after if max(_order(after)) < 2**64 else "0"
    except ValueError:
        return "0"


class Feed:
    """One request's view of one reply's stream: the entries after `after`, in order."""

    def __init__(self, after: str) -> None:
        self.after = after  # the last entry handed over (by the reader, under its lock)
        self._inbox: queue.SimpleQueue = queue.SimpleQueue()

    def get(self, timeout: float) -> list[Entry]:
        """The entries that came since the last call, waiting up to `timeout` seconds for
        the first; [] when none came. RedisError when the reader could not read."""
        try:
            batches = [self._inbox.get(timeout=timeout)]
        except queue.Empty:
            return []
        while not self._inbox.empty():
            batches.append(self._inbox.get_nowait())
        entries: list[Entry] = []
        for batch in batches:
            if isinstance(batch, RedisError):
                raise batch
            entries.extend(batch)
        return entries

    def _give(self, entries: list[Entry]) -> None:
        """Hand over the entries this request has not seen (the reader reads each stream
        from its slowest follower on)."""
        after = _order(self.after)
        new = [entry for entry in entries if _order(entry[0]) > after]
        if new:
            self.after = new[-1][0]
            self._inbox.put(new)


class Relay:
    """The process's reader of live reply streams, and the requests following them."""

    def __init__(self, connection: Redis) -> None:
        self.connection = connection
        self._feeds: dict[str, set[Feed]] = {}
        self._lock = threading.Lock()
        self._reading = False

    @contextmanager
    def follow(self, key: str, after: str = "0") -> Iterator[Feed]:
        """Follow stream `key` from entry id `after` ("0": from its start) while inside."""
        feed = Feed(_from(after))
        with self._lock:
            self._feeds.setdefault(key, set()).add(feed)
            start, self._reading = not self._reading, True
        if start:
            threading.Thread(target=self._read, name="live-relay", daemon=True).start()
        try:
            yield feed
        finally:
            with self._lock:
                followers = self._feeds.get(key, set())
                followers.discard(feed)
                if not followers:
                    self._feeds.pop(key, None)

    def _read(self) -> None:
        try:
            self._read_while_followed()
        except Exception:
            # A bug, not Redis: the followers wait on SQL instead, and the next one to
            # come starts a new reader.
            log.exception("the live-text reader stopped")
            with self._lock:
                self._reading = False
            self._tell_everyone(RedisError("the live-text reader stopped"))

    def _read_while_followed(self) -> None:
        last_read = 0.0
        while True:
            time.sleep(max(0.0, last_read + READ_EVERY_SECONDS - time.monotonic()))
            last_read = time.monotonic()
            with self._lock:
                if not self._feeds:
                    self._reading = False
                    return
                streams = {
                    key: min((feed.after for feed in feeds), key=_order)
                    for key, feeds in self._feeds.items()
                }
            try:
                found = self.connection.xread(streams, count=MAX_ENTRIES, block=READ_BLOCK_MS)
            except RedisError as error:
                self._tell_everyone(error)
                time.sleep(RETRY_AFTER_ERROR_SECONDS)
                continue
            with self._lock:
                for key, raw in found or []:
                    entries = [
                        (entry_id.decode(), {k.decode(): v.decode() for k, v in fields.items()})
                        for entry_id, fields in raw
                    ]
                    for feed in self._feeds.get(key.decode(), ()):
                        feed._give(entries)

    def _tell_everyone(self, error: RedisError) -> None:
        with self._lock:
            for feeds in self._feeds.values():
                for feed in feeds:
                    feed._inbox.put(error)


@lru_cache(maxsize=8)
def _relay(url: str, pid: int) -> Relay:
    # The socket must outwait a blocking read; one reader per process (`pid`: a forked
    # child starts its own).
    return Relay(Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5))


def live_relay(url: str) -> Relay:
    """This process's relay for the Redis at `url`."""
    return _relay(url, os.getpid())
