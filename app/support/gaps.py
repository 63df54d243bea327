"""Unanswered questions, grouped: what to write next in the knowledge base, biggest first.

Customers ask for one missing answer in many words ("do you sell gift cards", "gift
voucher?", "can I buy an e-gift card"). The flat list shows each; grouped, staff see that
twelve people asked about gift cards, and write one FAQ for all twelve.

Questions are compared by meaning with the FAQ ranker's embeddings (SEMANTIC_RANKER),
else by words (rapidfuzz's token_set_ratio on normalised text), and grouped greedily by
average linkage: starting with each question alone, the two groups most alike (the mean
similarity of their questions, pair by pair) merge, again and again, until no two reach
the threshold. Every step is final, and the result does not depend on the order questions
came in: a single pass, each question joining the group it is most like as it comes, split
"gift card" questions in two depending on which came first. Comparing with the closest
member instead of the mean chained topics together ("delivery times" - "international
delivery?" - "do you deliver to Canada?").

The work is bounded: the newest MAX_QUESTIONS questions at most, so at most 499 merges of
a 500 x 500 matrix (~0.1 s). The page embeds nothing: embedding costs ~30 ms of CPU a
question (16 s for 500 on one core), and web workers must not spend that. Each
question's vector is stored (QuestionEmbedding) by the reply job that found it
unanswered (keep_vector: ~30 ms of the worker's CPU, once per unanswered question). A
question without one for the current ranker (asked before vectors were stored, or before
SEMANTIC_RANKER was set) waits: the page groups the others, says how many wait, and has a
job embed them (app/jobs/gaps.py: on a worker with REDIS_URL, else inline, as replies
are). Comparing by words costs nothing worth storing.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.extensions import db
from app.models import Message, QuestionEmbedding, Role
from app.support.semantic import ranker_name, semantic_ranker

UNANSWERED = (Message.role == Role.USER, Message.unanswered.is_(True))

MAX_QUESTIONS = 500
# How alike two groups must be, on average, to merge. Chosen on tests/data: the demo
# shop's 90 rewordings of its 10 FAQs mixed with its 35 questions no FAQ answers (each its
# own topic), scored by B-cubed precision (how many of a question's group-mates ask the
# same thing) and recall (how many of those asking the same thing share its group). We
# took the lowest threshold with precision of at least 0.9: a question grouped wrongly is
# the costlier mistake, since "Write an FAQ" makes every question of the group an example
# of the new FAQ and marks it handled, while one topic split in two only shows as two
# groups. By meaning (e5 cosine similarity): 0.87 gave precision 0.77 (delivery times
# joined international delivery and "can I change the delivery address"; waterproof tents
# joined tent repairs), 0.88 gave 0.90 with recall 0.58 (6 of the 10 FAQs' rewordings in
# one group each of 5 to 7), 0.89 gave 0.92 with recall 0.49 (each question alone: recall
# 0.36). BANKING77's 77 intents, one domain split finely ("card arrival"
# vs "card delivery estimate"), group less cleanly at 0.88 (precision 0.50). By words
# (token_set_ratio / 100) recall barely beats leaving each question alone: 0.60 gave
# precision 0.85, 0.65 gave 0.92 (recall 0.41; 0.73 on BANKING77).
BY_MEANING = 0.88
BY_WORDS = 0.65
LATEST_SHOWN = 3  # examples a group shows, newest first
# Questions embedded at a time by the job, each batch stored: a job cut short keeps them.
EMBED_BATCH = 32


@dataclass(frozen=True)
class Asked:
    """One unanswered customer question."""

    id: int
    text: str
    at: datetime


@dataclass(frozen=True)
class Gap:
    """Similar unanswered questions, newest first, and the one most like the rest."""

    questions: list[Asked]
    typical: Asked  # the medoid: the highest mean similarity to the others

    @property
    def count(self) -> int:
        return len(self.questions)

    @property
    def latest(self) -> list[Asked]:
        return self.questions[:LATEST_SHOWN]

    @property
    def message_ids(self) -> list[int]:
        return [question.id for question in self.questions]


@dataclass(frozen=True)
class Report:
    """The grouped page: the groups, and how many of the newest questions wait for their
    vectors (not grouped yet)."""

    gaps: list[Gap]
    waiting: int = 0


def latest_unanswered(limit: int = MAX_QUESTIONS, ids: Sequence[int] | None = None) -> list[Asked]:
    """The newest unanswered questions (of `ids` only, when given), newest first."""
    query = db.select(Message.id, Message.content, Message.created_at).where(*UNANSWERED)
    if ids is not None:
        query = query.where(Message.id.in_(ids))
    query = query.order_by(Message.created_at.desc(), Message.id.desc()).limit(limit)
    return [Asked(*row) for row in db.session.execute(query)]


def unanswered_count() -> int:
    return db.session.scalar(db.select(db.func.count(Message.id)).where(*UNANSWERED))


def by_words(texts: Sequence[str]) -> np.ndarray:
    """Every pair's similarity by the words they share (0-1): cheap, made on the spot."""
    if not texts:
        return np.zeros((0, 0))
    scores = process.cdist(
        texts, texts, scorer=fuzz.token_set_ratio, processor=default_process, workers=1
    )
    return np.asarray(scores, dtype=np.float32) / 100


def vector_kind(config: Mapping) -> str | None:
    """What a stored question vector holds: the question embedded as a query, by this
    model (None: SEMANTIC_RANKER is off). Vectors of any other kind are made again."""
    name = ranker_name(config["SEMANTIC_RANKER"])
    return None if name is None else f"{name}; query"


def stored_vectors(ids: Sequence[int], kind: str) -> dict[int, np.ndarray]:
    """The stored vectors of these questions, of this kind, by message id."""
    rows = db.session.execute(
        db.select(QuestionEmbedding.message_id, QuestionEmbedding.vector).where(
            QuestionEmbedding.message_id.in_(ids), QuestionEmbedding.model == kind
        )
    )
    return {message_id: np.frombuffer(vector, dtype=np.float32) for message_id, vector in rows}


def cosines(questions: Sequence[Asked], vectors: Mapping[int, np.ndarray]) -> np.ndarray:
    """Every pair's similarity by meaning, from the questions' (normalised) vectors."""
    if not questions:
        return np.zeros((0, 0))
    matrix = np.vstack([vectors[question.id] for question in questions])
    return matrix @ matrix.T


def with_vectors(questions: Sequence[Asked], kind: str) -> tuple[list[Asked], np.ndarray]:
    """The questions that have a stored vector of this kind, and their similarities."""
    vectors = stored_vectors([question.id for question in questions], kind)
    compared = [question for question in questions if question.id in vectors]
    return compared, cosines(compared, vectors)


def save_vectors(vectors: Mapping[int, np.ndarray], kind: str) -> None:
    """Store these questions' vectors (replacing any of another kind), in a session of
    their own: the caller's transaction is left alone. A question deleted meanwhile, or
    stored first by another process, is skipped."""
    with Session(db.engine) as session:
        for message_id, vector in vectors.items():
            blob = np.asarray(vector, dtype=np.float32).tobytes()
            session.merge(QuestionEmbedding(message_id=message_id, model=kind, vector=blob))
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            if len(vectors) > 1:  # one at a time, so the others are stored
                for message_id, vector in vectors.items():
                    save_vectors({message_id: vector}, kind)


def keep_vector(message_id: int, text: str, config: Mapping) -> None:
    """Store the vector of a question just found unanswered, for the grouped page. The
    reply job calls it, off the web request. Replies the model writes with every FAQ in
    the prompt do not embed the question, so it is mostly embedded here (~30 ms of CPU,
    off the gevent hub): once per unanswered question, not per reply."""
    kind = vector_kind(config)
    if kind is not None:
        vector = semantic_ranker(config["SEMANTIC_RANKER"]).query(text)
        save_vectors({message_id: vector}, kind)


def embed_waiting(config: Mapping) -> int:
    """Embed and store the vectors the newest unanswered questions lack, EMBED_BATCH at a
    time; how many it embedded. A job's work (app/jobs/gaps.py): ~30 ms of CPU each."""
    kind = vector_kind(config)
    if kind is None:
        return 0
    ranker = semantic_ranker(config["SEMANTIC_RANKER"])
    questions = latest_unanswered()
    stored = stored_vectors([q.id for q in questions], kind)
    waiting = [question for question in questions if question.id not in stored]
    for start in range(0, len(waiting), EMBED_BATCH):
        batch = waiting[start : start + EMBED_BATCH]
        made = np.atleast_2d(ranker.query([question.text for question in batch]))
        save_vectors({q.id: vector for q, vector in zip(batch, made, strict=True)}, kind)
    return len(waiting)


def group(questions: Sequence[Asked], similarity: np.ndarray, threshold: float) -> list[Gap]:
    """Average-linkage groups of `questions` (newest first), biggest first, then newest."""
    count = len(questions)
    sums = np.array(similarity, dtype=np.float64)  # between groups, pair by pair
    sizes = np.ones(count)
    alive = np.ones(count, dtype=bool)
    means = sums.copy()
    np.fill_diagonal(means, -np.inf)
    members = [[i] for i in range(count)]
    while count > 1:
        a, b = sorted(np.unravel_index(int(np.argmax(means)), means.shape))
        if means[a, b] < threshold:
            break
        # b joins a: a's sums with every group take b's, and its means follow.
        sums[a] += sums[b]
        sums[:, a] += sums[:, b]
        sizes[a] += sizes[b]
        alive[b] = False
        members[a] += members[b]
        members[b] = []
        row = np.full(len(sizes), -np.inf)
        row[alive] = sums[a, alive] / (sizes[a] * sizes[alive])
        row[a] = -np.inf
        means[a], means[:, a] = row, row
        means[b], means[:, b] = -np.inf, -np.inf
        count -= 1
    gaps = []
    for indexes in (sorted(m) for m in members if m):
        typical = indexes[medoid(similarity[np.ix_(indexes, indexes)])]
        gaps.append((indexes[0], Gap([questions[i] for i in indexes], questions[typical])))
    # Biggest first; among groups of one size, the one asked most recently.
    return [gap for _, gap in sorted(gaps, key=lambda pair: (-pair[1].count, pair[0]))]


def medoid(similarity: np.ndarray) -> int:
    """The index with the highest mean similarity to the others (the first on a tie)."""
    if len(similarity) < 3:
        return 0  # one or two questions: the newest
    return int(np.argmax(similarity.sum(axis=1) - similarity.diagonal()))


def unanswered_gaps(config: Mapping) -> Report:
    """The newest unanswered questions, grouped; by meaning, those with a stored vector
    (the others wait: Report.waiting). Embeds nothing."""
    questions = latest_unanswered()
    kind = vector_kind(config)
    if kind is None:
        return Report(group(questions, by_words([q.text for q in questions]), BY_WORDS))
    compared, similarity = with_vectors(questions, kind)
    return Report(group(compared, similarity, BY_MEANING), len(questions) - len(compared))


def gap_of(ids: Sequence[int], config: Mapping) -> Gap | None:
    """The group these messages make, of those still unanswered (None: none is). Its
    typical question is found among those with a stored vector (by meaning); embeds nothing."""
    questions = latest_unanswered(limit=len(ids), ids=ids)
    if not questions:
        return None
    kind = vector_kind(config)
    if kind is None:
        return Gap(questions, questions[medoid(by_words([q.text for q in questions]))])
    compared, similarity = with_vectors(questions, kind)
    if not compared:
        return Gap(questions, questions[0])  # the newest, as for one or two
    return Gap(questions, compared[medoid(similarity)])


def mark_handled(ids: Sequence[int]) -> int:
    """Off the unanswered list (not deleted); how many were on it. Commits."""
    handled = db.session.execute(
        db.update(Message).where(Message.id.in_(ids), *UNANSWERED).values(unanswered=False)
    ).rowcount
    db.session.commit()
    return handled
