"""Redis and the reply queue, when REDIS_URL is set."""

from flask import current_app
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue


def redis_connection() -> Redis:
    # Short timeouts: a web request must never hang on a dead Redis.
    return Redis.from_url(current_app.config["REDIS_URL"], socket_connect_timeout=2)


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
