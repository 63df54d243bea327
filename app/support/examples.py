"""Example questions: what customers ask that an FAQ answers. The knowledge check runs
each through the FAQ selection after every change (app/support/knowledge_check.py).

They come from staff (typed on the FAQ's page), from unanswered questions an FAQ was
written for, and from customers who said an answer helped ("Did that help?" Yes: their
question becomes an example of the FAQ the answer cited first).
"""

from app.extensions import db
from app.models import ExampleQuestion, ExampleSource, Faq, Message
from app.support.privacy import mask_cards

EXAMPLE_MAX_CHARS = 300  # an example is a question, not a conversation
MAX_EXAMPLES = 100  # per FAQ: each one costs an embedding in every knowledge check


def example_text(text: str) -> str:
    """A question as an example keeps it: one line, shortened, card numbers masked."""
    return mask_cards(" ".join(text.split()))[:EXAMPLE_MAX_CHARS]


def example_lines(text: str | None) -> list[str]:
    """A form's lines as examples: each once, in order, blank ones left out."""
    lines = (example_text(line) for line in (text or "").splitlines())
    return list(dict.fromkeys(line for line in lines if line))[:MAX_EXAMPLES]


def save_examples(faq: Faq, text: str | None) -> None:
    """Make the FAQ's examples the form's lines: kept ones keep their source, removed ones
    go, new ones are staff's."""
    wanted = example_lines(text)
    kept = {example.text: example for example in faq.examples}
    for example in list(faq.examples):
        if example.text not in wanted:
            faq.examples.remove(example)
    for line in wanted:
        if line not in kept:
            faq.examples.append(ExampleQuestion(text=line, source=ExampleSource.STAFF))


def adopt_questions(faq: Faq, messages: list[Message]) -> None:
    """A new FAQ written for unanswered questions: they become its examples (so every
    later change is checked against them) and leave the unanswered list."""
    have = {example.text for example in faq.examples}
    for message in messages:
        text = example_text(message.content)
        if text and text not in have and len(have) < MAX_EXAMPLES:
            have.add(text)
            faq.examples.append(
                ExampleQuestion(text=text, source=ExampleSource.UNANSWERED, message_id=message.id)
            )
        message.unanswered = False


def learn_from_vote(question: Message | None, cited: list[dict] | None, helpful: bool) -> None:
    """A "Yes" makes the question an example of the FAQ the answer cited first; a later
    "No" takes it back. The caller commits."""
    if question is None:
        return
    confirmed = db.select(ExampleQuestion).filter_by(
        message_id=question.id, source=ExampleSource.CONFIRMED
    )
    for example in db.session.scalars(confirmed):
        db.session.delete(example)
    faq = db.session.get(Faq, cited[0]["id"]) if helpful and cited else None
    text = example_text(question.content)
    if faq is None or not text or len(faq.examples) >= MAX_EXAMPLES:
        return
    if text not in {example.text for example in faq.examples}:
        faq.examples.append(
            ExampleQuestion(text=text, source=ExampleSource.CONFIRMED, message_id=question.id)
        )
