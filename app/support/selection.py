"""Which FAQs ground a reply when there are too many to put them all in the prompt.

Up to `inject_all` FAQs all go in. Above that, the message's likely categories are found
from keywords (derived from the FAQ texts, plus the ones staff add per category), and
the FAQs that match, led by those categories' and `general`, go in best match first
within a token budget. Everything that does not depend on the message is computed once,
in `FaqSelector()`; the app keeps one selector per knowledge base and calls `select()`
for every reply. docs/benchmarks.md (Grounding) has the measurements behind the constants.
One class in one file (~350 lines): its two rankings, by words and by meaning, share the
indexes it builds, and `select()` combines them with the coverage verdict at each step.

With a semantic ranker (the default), meaning decides: FAQs are ranked by how close the
message is to each FAQ's question and answer and to its question alone, and whether any
FAQ covers the message is judged by how much closer it is to the best FAQ than to
general requests that no business answers (`app/support/data/off_topic.txt`). Ranking
and that verdict are made also when every FAQ goes in the prompt: the offline answer
shows the best match, and `kb eval` reports top1 and top3. A reply the model will write
with every FAQ in its prompt asks for words alone (`by_meaning=False`, see
grounding.select_faqs): there the ranking decides nothing, and embedding the message is
its costliest step.
"""

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from threading import Lock
from typing import Any, Protocol

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from app.support.knowledge import FaqEntry
from app.support.lexicon import Vocabulary, rarity, terms, words
from app.support.prompts import format_faq
from app.support.tokens import count_tokens

GENERAL = "general"

# How much each part of an FAQ says about its topic, counted as repeated words.
QUESTION_WEIGHT = 2
CATEGORY_NAME_WEIGHT = 2
STAFF_KEYWORD_WEIGHT = 3
# Earlier customer messages count, less the further back they are: a follow-up such as
# "and how long does that take?" keeps the topic without drowning a change of subject.
RECENT_WEIGHT = 0.5
RECENT_DECAY = 0.5
# An FAQ's rank is its own match plus this share of its category's (each scaled 0-1).
CATEGORY_MIX = 0.3
# Categories scoring at least this share of the best one are detected, at most this many.
CATEGORY_RATIO = 0.5
MAX_CATEGORIES = 3
# Confident when at least this share of the message's words, weighted by how rare they
# are in general text, is known to the knowledge base. The 3rd percentile of in-scope
# messages on half of banking77 (the benchmark reports the other half).
MIN_COVERAGE = 0.48
# A message this short ("and is there a minimum?") continues the conversation: when the
# customer's previous message was covered, so is it. Its topic comes from that context
# (RECENT_WEIGHT), and the prompt's scope rule still refuses a change to another subject.
FOLLOW_UP_WORDS = 3
# With a semantic ranker, an FAQ's rank is this share of its question and answer's
# similarity to the message, the rest its question's alone; the lexical rank (0-1.3)
# still breaks near-ties. Chosen on the tune halves (docs/benchmarks.md).
PASSAGE_SHARE = 0.7
LEXICAL_SHARE = 0.01
# Some FAQs are close to almost any message (a "hub": in the demo shop, "What if my item
# arrives damaged?" ranked first for many questions about other things). Their mean
# similarity to the off-topic requests, times this, is taken off their rank.
HUB_SHARE = 0.5
# Coverage with a semantic ranker: closeness = the mean of the best passage and best
# question similarity, less this share of the best off-topic similarity, plus this
# share of the lexical coverage. An FAQ covers the message at COVERED_AT or above; below
# SURELY_UNCOVERED the detector is very sure none does (no in-scope tune message scored
# that low). Chosen on the tune halves of banking77 and the demo shop's rewordings.
OFF_TOPIC_SHARE = 0.5
COVERAGE_SHARE = 0.02
COVERED_AT = 0.415
SURELY_UNCOVERED = 0.405
# The best matches a selection reports: the offline answer and two related questions.
RANKED_KEPT = 3

OFF_TOPIC_FILE = Path(__file__).parent / "data" / "off_topic.txt"

Postings = dict[str, tuple[np.ndarray, np.ndarray]]  # term -> (document indexes, weights)


class SemanticRanker(Protocol):
    """Text embeddings (app.support.semantic); vectors are L2-normalised."""

    name: str

    def passages(self, texts: list[str]) -> Any: ...  # matrix, one row per text
    def query(self, text: str | list[str]) -> Any: ...  # vector, or matrix for a list


def passage_text(faq: FaqEntry) -> str:
    """What the semantic ranker embeds of an FAQ as a passage."""
    return f"{faq.question}\n{faq.answer}"


def faq_vectors(ranker: SemanticRanker, faqs: Sequence[FaqEntry]) -> np.ndarray:
    """One row per FAQ: its question and answer as a passage, then its question alone as
    a query (what a customer's rewording of it resembles most), side by side."""
    if not faqs:
        return np.zeros((0, 0), dtype=np.float32)
    passages = ranker.passages([passage_text(faq) for faq in faqs])
    questions = ranker.query([faq.question for faq in faqs])
    return np.hstack([np.atleast_2d(passages), np.atleast_2d(questions)]).astype(np.float32)


def mixed(passage: np.ndarray, question: np.ndarray) -> np.ndarray:
    """Similarity by meaning: to an FAQ's question and answer, and to its question alone."""
    return PASSAGE_SHARE * passage + (1 - PASSAGE_SHARE) * question


_off_topic: dict[str, np.ndarray] = {}
_off_topic_lock = Lock()


def off_topic_vectors(ranker: SemanticRanker) -> np.ndarray:
    """The general requests no business answers, embedded once per process and model."""
    with _off_topic_lock:
        if ranker.name not in _off_topic:
            lines = OFF_TOPIC_FILE.read_text(encoding="utf-8").splitlines()
            texts = [line.strip() for line in lines if line.strip() and line[0] != "#"]
            _off_topic[ranker.name] = np.atleast_2d(ranker.query(texts))
        return _off_topic[ranker.name]


@dataclass(frozen=True)
class Selection:
    faqs: list  # the FAQs to inject: every FAQ up to inject_all, else the best that fit
    confident: bool  # the detector's verdict that an FAQ covers the message
    categories: list[str]  # the detected categories, best first
    tokens: int  # tokens of the injected FAQ entries as formatted in the prompt
    ranked: list = field(default_factory=list)  # the best matches, best first (up to 3)
    surely_uncovered: bool = False  # the detector is very sure no FAQ covers it
    faq_count: int = 0  # FAQs in the knowledge base (all of them are in `faqs`, or not)
    # Each injected FAQ's ranking score (by id): what the reply's record shows staff.
    scores: dict = field(default_factory=dict)
    # Ranked by words though a semantic ranker was there (select(by_meaning=False)): a
    # caller that needs the best match by meaning must select again.
    meaning_skipped: bool = False


@dataclass(frozen=True)
class Match:
    """How one message, with its context, matches the knowledge base."""

    faq_scores: np.ndarray  # one per FAQ, 0 for no match
    category_scores: np.ndarray  # one per FaqSelector.categories
    coverage: float  # 0-1: the share of the message the knowledge base knows
    context_coverage: float = 0.0  # the same for the latest earlier message
    follow_up: bool = False  # a short message after earlier ones

    @property
    def covered(self) -> bool:
        if self.coverage >= MIN_COVERAGE:
            return True
        return self.follow_up and self.context_coverage >= MIN_COVERAGE


def bm25_postings(bags: Sequence[Counter], k1: float = 1.2, b: float = 0.75) -> Postings:
    """What each term adds to each document's score (BM25), as arrays for fast sums."""
    lengths = [sum(bag.values()) for bag in bags]
    average = (sum(lengths) / len(bags) if bags else 0.0) or 1.0
    frequency = Counter(term for bag in bags for term in bag)
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for index, bag in enumerate(bags):
        norm = k1 * (1 - b + b * lengths[index] / average)
        for term, tf in bag.items():
            idf = math.log(1 + (len(bags) - frequency[term] + 0.5) / (frequency[term] + 0.5))
            postings[term].append((index, idf * tf * (k1 + 1) / (tf + norm)))
    return {
        term: (np.array([i for i, _ in pairs]), np.array([w for _, w in pairs]))
        for term, pairs in postings.items()
    }


def faq_bag(faq: FaqEntry) -> Counter:
    bag = Counter(terms(faq.answer))
    for term in terms(faq.question):
        bag[term] += QUESTION_WEIGHT
    for term in terms((faq.category or "").replace("_", " ")):
        bag[term] += CATEGORY_NAME_WEIGHT
    return bag


def known_words(faqs: Iterable[FaqEntry], staff_keywords: Mapping[str, Iterable[str]]) -> set:
    texts = [f"{faq.question} {faq.answer} {faq.category or ''}" for faq in faqs]
    texts += [" ".join(keywords) for keywords in staff_keywords.values()]
    return {word for text in texts for word in words(text.replace("_", " "))}


class FaqSelector:
    """Picks the FAQs for a message; build once per knowledge base, then `select()`."""

    def __init__(
        self,
        faqs: Iterable[FaqEntry],
        *,
        staff_keywords: Mapping[str, Iterable[str]] | None = None,
        token_budget: int = 2000,
        inject_all: int = 50,
        model: str = "gpt-4o-mini",
        ranker: SemanticRanker | None = None,
        vectors: np.ndarray | None = None,
    ) -> None:
        """`vectors`: the FAQs' passage vectors, one row each, when already known (the app
        keeps them in the database); without them a `ranker` embeds every FAQ here."""
        self.faqs = list(faqs)
        self.token_budget, self.inject_all, self.model = token_budget, inject_all, model
        self.entry_tokens = [count_tokens(format_faq(faq), model) for faq in self.faqs]
        self.total_tokens = sum(self.entry_tokens)
        self.categories = sorted({faq.category or "" for faq in self.faqs})
        position = {name: i for i, name in enumerate(self.categories)}
        self._category_of = np.array([position[faq.category or ""] for faq in self.faqs], int)
        self._general = np.array([faq.category == GENERAL for faq in self.faqs], dtype=bool)
        bags = [faq_bag(faq) for faq in self.faqs]
        category_bags = [Counter() for _ in self.categories]
        for faq, bag in zip(self.faqs, bags, strict=True):
            category_bags[position[faq.category or ""]].update(bag)
        # Keywords of a category with no FAQs would route messages to nothing.
        staff = {name: list(keywords) for name, keywords in (staff_keywords or {}).items()}
        staff = {name: keywords for name, keywords in staff.items() if name in position}
        for name, keywords in staff.items():
            for term in terms(" ".join(keywords)):
                category_bags[position[name]][term] += STAFF_KEYWORD_WEIGHT
        self._faq_postings = bm25_postings(bags)
        self._category_postings = bm25_postings(category_bags)
        self.vocabulary = Vocabulary(known_words(self.faqs, staff))
        self._ranker = ranker if self.faqs else None
        if self._ranker is not None:
            if vectors is None:
                vectors = faq_vectors(ranker, self.faqs)
            if len(vectors) != len(self.faqs):
                raise ValueError(f"{len(vectors)} vectors for {len(self.faqs)} FAQs")
            half = vectors.shape[1] // 2
            self._passage_vectors, self._question_vectors = vectors[:, :half], vectors[:, half:]
            self._off_topic = off_topic_vectors(ranker)
            queries = self._off_topic.T  # one column each
            near = mixed(self._passage_vectors @ queries, self._question_vectors @ queries)
            self._hub = HUB_SHARE * near.mean(axis=1)

    @property
    def injects_all(self) -> bool:
        """Every FAQ goes in the prompt, whatever the message."""
        return len(self.faqs) <= self.inject_all

    def select(
        self, message: str, recent: Sequence[str] = (), *, by_meaning: bool = True
    ) -> Selection:
        """The FAQs to put in the prompt for this message, and how well they match it.

        `by_meaning=False` ranks by words even with a semantic ranker: embedding the
        message is most of the CPU a reply costs, wasted when nothing depends on the
        ranking (every FAQ goes in and the model judges coverage)."""
        match = self.match(message, recent)
        detected = self._detected_categories(match.category_scores)
        if self._ranker is None or not by_meaning:
            # Something must match: a category, or (for FAQs without one) an FAQ itself.
            matched = bool(detected) or match.faq_scores.max(initial=0.0) > 0
            confident = matched and match.covered
            surely = not confident
            scores = self._lexical_rank(match)
            ranked = self._lexical_ranked(match, scores)
        else:
            # A short follow-up ("and to Mexico?") means what it adds to the message before.
            text = f"{recent[-1]}\n{message}" if match.follow_up else message
            closeness, scores = self._by_meaning(match, self._ranker.query(text))
            ranked = np.argsort(-scores, kind="stable")
            follows_covered = match.follow_up and match.context_coverage >= MIN_COVERAGE
            confident = closeness >= COVERED_AT or follows_covered
            surely = closeness < SURELY_UNCOVERED and not follows_covered
        best = [self.faqs[i] for i in ranked[:RANKED_KEPT].tolist()]
        if self.injects_all:
            # Everything fits: keep the knowledge base's own order, a stable prompt prefix.
            faqs, tokens = list(self.faqs), self.total_tokens
        else:
            chosen = self._within_budget(ranked)
            faqs, tokens = [self.faqs[i] for i in chosen], sum(self.entry_tokens[i] for i in chosen)
        by_id = {faq.id: float(score) for faq, score in zip(self.faqs, scores, strict=True)}
        kept = {faq.id: round(by_id[faq.id], 3) for faq in faqs}
        skipped = self._ranker is not None and not by_meaning
        return Selection(
            faqs, confident, detected, tokens, best, surely, len(self.faqs), kept, skipped
        )

    def closest(self, text: str, limit: int = 3) -> list[tuple[FaqEntry, float]]:
        """The FAQs most like `text`, most alike first, each with its similarity (0-1):
        for staff to spot an FAQ that already says what a draft says.

        By meaning with a ranker: the mix of question-and-answer and question-alone
        similarity that ranks FAQs for replies, without the hub discount (which is about
        customers' messages, not FAQs compared with FAQs). Without one, by words:
        rapidfuzz's token_set_ratio between `text` and each FAQ's question.
        """
        if not self.faqs or limit < 1:
            return []
        if self._ranker is None:
            scores = np.array(
                [
                    fuzz.token_set_ratio(text, faq.question, processor=default_process) / 100
                    for faq in self.faqs
                ]
            )
        else:
            query = self._ranker.query(text)
            scores = mixed(self._passage_vectors @ query, self._question_vectors @ query)
        best = np.argsort(-scores, kind="stable")[:limit]
        return [(self.faqs[i], float(scores[i])) for i in best.tolist()]

    def match(self, message: str, recent: Sequence[str] = ()) -> Match:
        """Score the FAQs and categories against the message and its recent context."""
        weighted = [(message, 1.0)]
        weight = RECENT_WEIGHT
        for earlier in reversed(recent):  # the latest first
            weighted.append((earlier, weight))
            weight *= RECENT_DECAY
        query: Counter = Counter()
        coverages = []
        for text, text_weight in weighted:
            known = total = 0.0
            for word in words(text):
                resolved = self.vocabulary.resolve(word)
                total += rarity(word, self.model)
                if resolved:
                    query[resolved[0]] += text_weight * resolved[1]
                    known += rarity(word, self.model) * resolved[1]
            coverages.append(known / total if total else None)
        own = [c for c in coverages if c is not None]
        # A message with no words of its own ("and then?") is judged by its context.
        coverage = own[0] if own else None
        faq_scores = np.zeros(len(self.faqs))
        category_scores = np.zeros(len(self.categories))
        for term, term_weight in query.items():
            # A term appears once per document, so the fancy-indexed += adds each weight.
            for postings, scores in (
                (self._faq_postings, faq_scores),
                (self._category_postings, category_scores),
            ):
                if term in postings:
                    indexes, weights = postings[term]
                    scores[indexes] += term_weight * weights
        return Match(
            faq_scores,
            category_scores,
            coverage or 0.0,
            context_coverage=(coverages[1] or 0.0) if len(coverages) > 1 else 0.0,
            follow_up=bool(recent) and len(words(message)) <= FOLLOW_UP_WORDS,
        )

    def _detected_categories(self, scores: np.ndarray) -> list[str]:
        best = scores.max(initial=0.0)
        if best <= 0:
            return []
        top = np.argsort(-scores)[:MAX_CATEGORIES]
        return [
            self.categories[i]
            for i in top
            if scores[i] >= CATEGORY_RATIO * best and self.categories[i]
        ]

    def _lexical_rank(self, match: Match) -> np.ndarray:
        """Each FAQ's match by words, its category's mixed in (0-1.3)."""
        best_faq = match.faq_scores.max(initial=0.0) or 1.0
        best_category = match.category_scores.max(initial=0.0) or 1.0
        own = match.faq_scores / best_faq
        return own + CATEGORY_MIX * match.category_scores[self._category_of] / best_category

    def _lexical_ranked(self, match: Match, lexical: np.ndarray) -> np.ndarray:
        """Indexes of the FAQs that match, or are in a detected category or `general`,
        best first by their `lexical` rank."""
        best_category = match.category_scores.max(initial=0.0) or 1.0
        in_detected = match.category_scores[self._category_of] >= CATEGORY_RATIO * best_category
        candidates = np.flatnonzero((match.faq_scores > 0) | in_detected | self._general)
        return candidates[np.argsort(-lexical[candidates], kind="stable")]

    def _by_meaning(self, match: Match, query: np.ndarray) -> tuple[float, np.ndarray]:
        """How close the message is to being covered, and every FAQ's rank score."""
        passage = self._passage_vectors @ query
        question = self._question_vectors @ query
        rank = mixed(passage, question) - self._hub
        closeness = (
            (passage.max() + question.max()) / 2
            - OFF_TOPIC_SHARE * (self._off_topic @ query).max()
            + COVERAGE_SHARE * match.coverage
        )
        return float(closeness), rank + LEXICAL_SHARE * self._lexical_rank(match)

    def _within_budget(self, ranked: np.ndarray) -> list[int]:
        """The best that fit the budget, `general` taken first, in rank order."""
        chosen, left = set(), self.token_budget
        smallest = min(self.entry_tokens, default=0)
        for index in [*ranked[self._general[ranked]].tolist(), *ranked.tolist()]:
            if left < smallest:
                break
            if index not in chosen and self.entry_tokens[index] <= left:
                chosen.add(index)
                left -= self.entry_tokens[index]
        return [index for index in ranked.tolist() if index in chosen]
