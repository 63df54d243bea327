"""The methods ours is compared with, each a `select(text) -> Selection` like FaqSelector's."""

from collections import Counter

import bm25s
import numpy as np

from app.support.lexicon import words
from app.support.selection import GENERAL, Selection


class InjectAll:
    """The seed: every FAQ, capped at the first `cap` by id; it never says "no FAQ"."""

    def __init__(self, faqs: list, entry_tokens: list[int], cap: int = 50) -> None:
        first = sorted(range(len(faqs)), key=lambda i: faqs[i].id)[:cap]
        self.selection = Selection(
            [faqs[i] for i in first], True, [], sum(entry_tokens[i] for i in first)
        )

    def select(self, text: str) -> Selection:
        return self.selection


class SingleCategory:
    """The seed's rule above 50 FAQs: the one category whose keywords the message uses most
    (its FAQs' words, matched exactly), injected whole, plus `general`."""

    def __init__(self, faqs: list, entry_tokens: list[int]) -> None:
        self.faqs, self.entry_tokens = faqs, entry_tokens
        self.members: dict[str, list[int]] = {}
        self.keywords: dict[str, set[str]] = {}
        for index, faq in enumerate(faqs):
            category = faq.category or ""
            self.members.setdefault(category, []).append(index)
            self.keywords.setdefault(category, set()).update(words(f"{faq.question} {faq.answer}"))
        self.categories_of: dict[str, list[str]] = {}
        for category, keywords in self.keywords.items():
            for keyword in keywords:
                self.categories_of.setdefault(keyword, []).append(category)

    def select(self, text: str) -> Selection:
        hits: Counter = Counter()
        for word in set(words(text)):
            hits.update(self.categories_of.get(word, ()))
        if not hits:
            return self._selection(self.members.get(GENERAL, []), False, [])
        category = max(hits.items(), key=lambda item: (item[1], item[0]))[0]
        chosen = self.members[category] + (
            self.members.get(GENERAL, []) if category != GENERAL else []
        )
        return self._selection(chosen, True, [category])

    def _selection(self, chosen: list[int], confident: bool, categories: list[str]):
        tokens = sum(self.entry_tokens[i] for i in chosen)
        return Selection([self.faqs[i] for i in chosen], confident, categories, tokens)


class Bm25TopK:
    """bm25s over question + answer; the top k, with k the FAQs that fit the token budget
    on average. "No FAQ" only when no word of the message is in any FAQ."""

    def __init__(self, faqs: list, entry_tokens: list[int], token_budget: int) -> None:
        self.faqs, self.entry_tokens = faqs, entry_tokens
        self.k = min(len(faqs), max(1, token_budget * len(faqs) // sum(entry_tokens)))
        corpus = [f"{faq.question} {faq.answer}" for faq in faqs]
        self.retriever = bm25s.BM25()
        tokens = bm25s.tokenize(corpus, stopwords="en", show_progress=False)
        self.retriever.index(tokens, show_progress=False)

    def select(self, text: str) -> Selection:
        query = bm25s.tokenize([text], stopwords="en", return_ids=False, show_progress=False)
        scores = self.retriever.get_scores(query[0])
        top = np.argpartition(-scores, self.k - 1)[: self.k]
        top = top[np.argsort(-scores[top])].tolist()
        confident = bool(scores[top[0]] > 0)
        tokens = sum(self.entry_tokens[i] for i in top)
        return Selection([self.faqs[i] for i in top], confident, [], tokens)
