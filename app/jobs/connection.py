"""Redis and the reply queue, when REDIS_URL is set."""

from functools import lru_cache

from flask import current_app
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue

# A relay waits this long for text before checking SQL and telling proxies the
# connection is alive.
RELAY_BLOCK_SECONDS = 5


@lru_cache(maxsize=8)
def _client(url: str) -> Redis:
    # One client (and connection pool) per process, made on first use; redis-py resets
    # its pool in a forked child, so RQ's work horses do not share sockets.
    return Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)


def redis_connection() -> Redis:
    """Short timeouts: a web request must never hang on a dead Redis."""
    return _client(current_app.config["REDIS_URL"])


def worker_connection() -> Redis:
    """A client of the worker's own: RQ raises its socket timeout for its blocking waits."""
    return Redis.from_url(current_app.config["REDIS_URL"])


def reply_queue() -> Queue:
    return Queue(current_app.config["RQ_QUEUE"], connection=redis_connection())


def queue_available() -> bool:
    """True when replies go to RQ workers: Redis is configured and answering."""
    if not current_app.config["REDIS_URL"]:
        return False
    try:
        return bool(redis_connection().ping())
    except RedisError:
        return False
