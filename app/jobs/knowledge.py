"""The knowledge jobs, run when staff change FAQs, not at a customer's reply:

- the FAQ vectors: a reply that finds an FAQ without its vector still embeds it
  (grounding.stored_vectors), but a customer would wait for it (0.05-0.25 s of CPU an
  FAQ, minutes for a big import);
- then the knowledge check (app/support/knowledge_check.py), which needs those vectors.
"""

from threading import Lock

from flask import current_app
from redis.exceptions import RedisError

from app.jobs import FAILURE_TTL_SECONDS, RESULT_TTL_SECONDS
from app.jobs.connection import reply_queue
from app.support.grounding import active_faqs, stored_vectors
from app.support.knowledge_check import run_check
from app.support.semantic import OFF, semantic_ranker

# Vectors are stored 32 at a time, so a job cut short keeps what it made and the next
# one goes on from there; an hour is ~15,000 FAQs at the slowest.
KNOWLEDGE_JOB_TIMEOUT_SECONDS = 3600

# Staff saving FAQs one after another queue a job each; in one process they run one
# after the other, so the later ones find the vectors stored instead of making them twice.
_embedding = Lock()


def embed_faqs() -> int:
    """Store the vectors of every active FAQ that has none for its current text. Returns
    how many active FAQs there are (0 with SEMANTIC_RANKER=off)."""
    ranker = semantic_ranker(current_app.config["SEMANTIC_RANKER"])
    if ranker is None:
        return 0
    with _embedding:
        faqs = active_faqs()
        if faqs:
            stored_vectors(faqs, ranker)
    return len(faqs)


def refresh_knowledge(check_id: int | None = None) -> None:
    """RQ job (or inline): the vectors, then the knowledge check `check_id`, if any."""
    embed_faqs()
    if check_id is not None:
        run_check(check_id)


def refresh_soon(check_id: int | None = None) -> None:
    """After staff change FAQs: refresh_knowledge on a worker (the reply queue) when
    REDIS_URL is set, else (or if Redis is down) right here."""
    config = current_app.config
    if check_id is None and config["SEMANTIC_RANKER"] in OFF:
        return  # nothing to do
    if config["REDIS_URL"]:
        try:
            reply_queue().enqueue(
                refresh_knowledge,
                check_id,
                job_timeout=KNOWLEDGE_JOB_TIMEOUT_SECONDS,
                result_ttl=RESULT_TTL_SECONDS,
                failure_ttl=FAILURE_TTL_SECONDS,
            )
            return
        except RedisError:
            current_app.logger.exception("could not queue the knowledge job; it runs inline")
    try:
        refresh_knowledge(check_id)
    except Exception:  # the FAQs are saved all the same; the next reply embeds them
        current_app.logger.exception("the knowledge job failed")
