"""The reply recipe: how the assistant answers one customer message.

    prepare()         the conversation so far, the FAQs for it, the offline answer, the prompt
    answer_offline()  without a model key or over a token budget: the FAQs' own answer
    stream()          the model's text as it is written, anything like the rules held back
    finish()          the outcome stored: text, sources, tokens, whether it answered,
                      and any fact (a price, a date...) that nothing it was given holds

`write_reply()` runs them. The queue side (app/jobs/replies.py) claims a reply first, so
one run writes it, in a worker or inline in the web request. Whatever happens (model
errors, a reader that goes away, a bug) the reply ends done or failed, never pending.
"""

import logging
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from functools import cached_property

from flask import current_app
from sqlalchemy import null

from app import metrics
from app.extensions import db
from app.models import Failure, Message, Role, Status, TokenUsage
from app.support import budget, gaps, llm
from app.support.answered import answered
from app.support.canary import CanaryGuard, canary_for, leaked
from app.support.citations import extract_citations, source
from app.support.conversation import trim_history, turns_before
from app.support.facts import unsupported_facts
from app.support.grounding import in_prompt_order, select_faqs
from app.support.offline import OFFLINE_MODEL, OfflineAnswer, offline_answer
from app.support.prompts import Business, build_messages
from app.support.selection import Selection
from app.support.tokens import count_prompt_tokens, count_tokens

log = logging.getLogger(__name__)

# Earlier customer messages that steer FAQ selection, so a follow-up such as "and how
# long does that take?" keeps the topic of the question before it.
RECENT_QUESTIONS = 2


@dataclass
class Turn:
    """One reply in the making: what it answers, and what the model will be sent."""

    reply: Message
    question: Message
    selection: Selection
    earlier: list[str]  # the customer's recent questions, which steer the selection
    tag: str = ""  # which run writes it, for the logs: "[job reply-12]" or "[inline]"
    injected: dict[int, str] = field(default_factory=dict)  # FAQ id -> question, in prompt
    # Where a reply's facts must appear (app/support/facts.py): what the model was told
    # (the business, each FAQ in the prompt) and what was said (the conversation so far,
    # less earlier replies that were flagged: an invented fact does not support itself).
    told: list[str] = field(default_factory=list)
    said: list[str] = field(default_factory=list)
    business: Business | None = None
    messages: list[dict] = field(default_factory=list)  # the prompt
    spent: str | None = None  # a used-up token budget: the model is not asked

    @cached_property
    def offline(self) -> OfflineAnswer:
        """The FAQs' own answer, for when the model is not asked or is unavailable: the
        best FAQ if one covers the question, else "I don't know". Ranked by meaning here
        if the selection was made by words to spare the model's replies the cost."""
        selection = self.selection
        if selection.meaning_skipped:
            selection = select_faqs(self.question.content, self.earlier)
        return offline_answer(selection)

    @property
    def offline_sources(self) -> dict:
        faq = self.offline.faq
        return {
            "cited": [source(faq.id, faq.question)] if faq else [],
            "related": [source(other.id, other.question) for other in self.offline.related],
            "model": OFFLINE_MODEL,
        }


def write_reply(message_id: int, tag: str = "") -> Iterator[str]:
    """Produce a claimed reply, yielding its text as it arrives, and store the outcome."""
    turn = prepare(db.session.get(Message, message_id), tag)
    if turn is None:
        return
    if not turn.messages:  # no model key, or a token budget used up
        yield answer_offline(turn)
        return
    yield from stream(turn)


def prepare(reply: Message, tag: str = "") -> Turn | None:
    """Everything the reply needs before the model is asked; None if it has no question."""
    config = current_app.config
    history, question = turns_before(reply, config["HISTORY_MESSAGES"])
    if question is None:
        store(reply, Status.FAILED, failure=Failure.ERROR, tag=tag)
        return None
    history = trim_history(
        history,
        config["HISTORY_TOKEN_BUDGET"],
        lambda text: count_tokens(text, config["OPENAI_MODEL"]),
    )
    earlier = [m.content for m in history if m.role == Role.USER][-RECENT_QUESTIONS:]
    spent = budget.exhausted(reply) if config["OPENAI_API_KEY"] else None
    model_asked = bool(config["OPENAI_API_KEY"]) and not spent
    selection = select_faqs(question.content, earlier, model_asked=model_asked)
    faqs = in_prompt_order(selection.faqs)
    turn = Turn(reply, question, selection, earlier, tag, spent=spent)
    turn.injected = {faq.id: faq.question for faq in faqs}
    # The reply's grounding record, for staff: each FAQ's text version and ranking score.
    reply.injected_faqs = [
        {**source(faq.id, faq.question), "version": faq.version, "score": selection.scores[faq.id]}
        for faq in faqs
    ]
    if not model_asked:
        return turn
    canary = canary_for(config["SECRET_KEY"])
    turn.business = Business(config["BUSINESS_NAME"], config["BUSINESS_DESCRIPTION"], canary)
    # Every FAQ in the prompt: the model judges coverage alone. A selection of them gets a
    # note when the detector is very sure none covers the message.
    may_not_cover = selection.surely_uncovered and len(faqs) < selection.faq_count
    turn.messages = build_messages(turn.business, faqs, history, question.content, may_not_cover)
    turn.told = [
        f"{config['BUSINESS_NAME']}\n{config['BUSINESS_DESCRIPTION']}",
        *(f"{faq.question}\n{faq.answer}" for faq in faqs),
    ]
    turn.said = [m.content for m in history if not m.unsupported_facts] + [question.content]
    db.session.commit()  # no transaction stays open while the model thinks
    return turn


def answer_offline(turn: Turn) -> str:
    """The FAQs' own answer, stored as the reply."""
    unanswered = turn.question.unanswered = turn.offline.faq is None  # staff's list of gaps
    sources = turn.offline_sources
    store(turn.reply, Status.DONE, turn.offline.text, failure=turn.spent, tag=turn.tag, **sources)
    if unanswered:
        keep_vector(turn)
    return turn.offline.text


def stream(turn: Turn) -> Iterator[str]:
    """The model's text as it arrives; the outcome is stored however the stream ends."""
    model = llm.ModelStream(turn.messages, current_app.config)
    # Nothing that could be part of the canary is shown until the text shows it is not.
    guard = CanaryGuard(turn.business.canary)
    parts: list[str] = []
    status, failure = Status.FAILED, Failure.INTERRUPTED  # unless we get further
    try:
        for delta in model:
            parts.append(delta)
            if shown := guard.feed(delta):
                yield shown
        status, failure = Status.DONE, None
        if tail := guard.flush():
            yield tail
    except llm.ModelUnavailable as error:
        log.error("%s reply %s: model unavailable: %s", turn.tag, turn.reply.id, error)
        failure = Failure.UNAVAILABLE
    except llm.ModelFailed as error:
        log.warning("%s reply %s: model failed: %s", turn.tag, turn.reply.id, error)
        failure = Failure.ERROR
    except llm.StreamInterrupted as error:
        log.warning("%s reply %s: stream interrupted: %s", turn.tag, turn.reply.id, error)
    finally:
        finish(turn, model, "".join(parts), status, failure)


def finish(
    turn: Turn, model: llm.ModelStream, raw: str, status: Status, failure: Failure | None
) -> None:
    """Store what the model wrote (or, unavailable, the FAQs' answer) and what it cost."""
    reply, question = turn.reply, turn.question
    if failure == Failure.UNAVAILABLE:
        # The customer gets the best FAQ match, if any, beside the offer of a person.
        unanswered = question.unanswered = turn.offline.faq is None
        text = turn.offline.text if turn.offline.faq else ""
        store(reply, status, text, failure=failure, tag=turn.tag, **turn.offline_sources)
        if unanswered:
            keep_vector(turn)
        return
    text, cited = extract_citations(raw, turn.injected)
    # Servers that report no usage get our own count, in the model's encoding.
    reply.prompt_tokens = model.prompt_tokens or count_prompt_tokens(turn.messages, model.model)
    reply.completion_tokens = model.completion_tokens or count_tokens(text, model.model)
    db.session.add(TokenUsage(tokens=reply.prompt_tokens + reply.completion_tokens))
    metrics.tokens_used(model.model, reply.prompt_tokens, reply.completion_tokens)
    refusal = turn.business.refusal
    if leaked(raw, turn.business.canary):
        # The reply reproduces the rules: the customer gets the scope refusal instead.
        log.warning("%s reply %s repeated the rules: replaced", turn.tag, reply.id)
        text, cited, status, failure = refusal, [], Status.DONE, None
    unanswered = False
    if status == Status.DONE:  # decided from the reply itself, for staff
        unanswered = question.unanswered = not answered(text, cited, refusal)
        # Never assigned None: the JSON column would hold JSON null, not SQL NULL.
        facts = unsupported_facts(text, turn.told, conversation=turn.said)
        reply.unsupported_facts = [asdict(fact) for fact in facts] or null()
    store(reply, status, text, failure=failure, cited=cited, model=model.model, tag=turn.tag)
    if unanswered:
        keep_vector(turn)


def keep_vector(turn: Turn) -> None:
    """A question just found unanswered keeps its vector, for grouping it with the others
    off the web request (app/support/gaps.py). After the reply is stored: a failure here
    costs only that the grouped page's job embeds the question later."""
    question = turn.question
    try:
        gaps.keep_vector(question.id, question.content, current_app.config)
    except Exception:
        log.exception("%s the unanswered question's vector was not stored", turn.tag)


def store(
    reply: Message,
    status: Status,
    text: str = "",
    failure: Failure | None = None,
    cited: list[dict] | None = None,
    related: list[dict] | None = None,
    model: str | None = None,
    tag: str = "",
) -> None:
    reply.status = status
    reply.content = text
    reply.failure = failure
    reply.cited_faqs = cited or None
    reply.related_faqs = related or None
    reply.model = model
    db.session.commit()
    metrics.reply_stored(status, failure, model)
    log.info("%s reply %s %s%s", tag, reply.id, status, f" ({failure})" if failure else "")
