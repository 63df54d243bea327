"""The FAQ-embedding job: vectors are made when staff save FAQs, not at a customer's reply.

A reply that finds an FAQ without its vector still embeds it (grounding.stored_vectors),
but a customer would wait for it (0.05-0.25 s of CPU an FAQ, minutes for a big import).
"""

from threading import Lock

from flask import current_app
from redis.exceptions import RedisError

from app.jobs import FAILURE_TTL_SECONDS, RESULT_TTL_SECONDS
from app.jobs.connection import reply_queue
from app.support.grounding import active_faqs, stored_vectors
from app.support.semantic import OFF, semantic_ranker

# Vectors are stored 32 at a time, so a job cut short keeps what it made and the next
# one goes on from there; an hour is ~15,000 FAQs at the slowest.
EMBED_JOB_TIMEOUT_SECONDS = 3600

# Staff saving FAQs one after another queue a job each; in one process they run one
# after the other, so the later ones find the vectors stored instead of making them twice.
_embedding = Lock()


def embed_faqs() -> int:
    """RQ job (or inline): store the vectors of every active FAQ that has none for its
    current text. Returns how many active FAQs there are (0 with SEMANTIC_RANKER=off)."""
    ranker = semantic_ranker(current_app.config["SEMANTIC_RANKER"])
    if ranker is None:
        return 0
    with _embedding:
        faqs = active_faqs()
        if faqs:
            stored_vectors(faqs, ranker)
    return len(faqs)


def enqueue_embedding() -> None:
    """After staff change FAQs: embed them on a worker (the reply queue) when REDIS_URL is
    set, else (or if Redis is down) right here. Nothing with SEMANTIC_RANKER=off."""
    config = current_app.config
    if config["SEMANTIC_RANKER"] in OFF:
        return
    if config["REDIS_URL"]:
        try:
            reply_queue().enqueue(
                embed_faqs,
                job_timeout=EMBED_JOB_TIMEOUT_SECONDS,
                result_ttl=RESULT_TTL_SECONDS,
                failure_ttl=FAILURE_TTL_SECONDS,
            )
            return
        except RedisError:
            current_app.logger.exception("could not enqueue FAQ embedding; it runs inline")
    try:
        embed_faqs()
    except Exception:  # the FAQs are saved all the same; the next reply embeds them
        current_app.logger.exception("embedding the FAQs failed")
