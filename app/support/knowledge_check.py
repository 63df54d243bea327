"""The knowledge check: after every change to the FAQs, each stored example question goes
through the production FAQ selection, as a customer's message would, and the check
reports which questions no longer find their FAQ first, and which now land on another
one. It is `kb eval` run continuously on the business's own questions.

A question "finds its FAQ" when the selection ranks that FAQ first: the one the offline
answer gives, and the one the model sees first among close matches. Each question keeps
where it landed last time (ExampleQuestion.landed_on), so a check reports what this
change did, not what was always so.
"""

from dataclasses import dataclass

from flask import current_app

from app.extensions import db
from app.models import CheckState, ExampleQuestion, Faq, FaqVersion, KnowledgeCheck
from app.models.base import utcnow
from app.support.grounding import current_selector


def snapshot(faqs) -> list[dict]:
    """FAQs as they are, for a restore to go back to: id, text version, shown or hidden."""
    return [{"id": faq.id, "version": faq.version, "is_active": faq.is_active} for faq in faqs]


def start_check(reason: str, before: list[dict]) -> KnowledgeCheck | None:
    """A pending check for a change just committed; None when no example question exists
    (nothing to check)."""
    if not db.session.scalar(db.select(ExampleQuestion.id).limit(1)):
        return None
    check = KnowledgeCheck(reason=reason[:200], before=before, state=CheckState.PENDING)
    db.session.add(check)
    db.session.commit()
    return check


def top_faq(text: str) -> int | None:
    """The FAQ the selection ranks first for this message, as for a customer's."""
    ranked = current_selector(current_app.config).select(text).ranked
    return ranked[0].id if ranked else None


def result(example: ExampleQuestion, now_id: int | None, questions: dict[int, str]) -> dict:
    return {
        "question": example.text,
        "faq_id": example.faq_id,
        "faq": questions.get(example.faq_id, ""),
        "now_id": now_id,
        "now": questions.get(now_id, "no FAQ") if now_id else "no FAQ",
    }


def run_check(check_id: int) -> KnowledgeCheck | None:
    """Run every example question of a published FAQ through the selection; store what
    changed since each one's previous check. A check that cannot run says so."""
    check = db.session.get(KnowledgeCheck, check_id)
    if check is None or check.state != CheckState.PENDING:
        return check
    try:
        return _run(check)
    except Exception:
        db.session.rollback()
        check.state, check.finished_at = CheckState.FAILED, utcnow()
        db.session.commit()
        raise


def _run(check: KnowledgeCheck) -> KnowledgeCheck:
    examples = db.session.scalars(
        db.select(ExampleQuestion)
        .join(Faq, ExampleQuestion.faq_id == Faq.id)
        .where(Faq.is_draft.is_(False))
        .order_by(ExampleQuestion.id)
    ).all()
    questions = dict(db.session.execute(db.select(Faq.id, Faq.question)).all())
    lost, moved, unreached = [], [], []
    for example in examples:
        now_id = top_faq(example.text)
        if now_id != example.faq_id:
            unreached.append(result(example, now_id, questions))
            if example.checked_at is not None and example.landed_on == example.faq_id:
                lost.append(unreached[-1])
            elif example.checked_at is not None and now_id != example.landed_on:
                moved.append(unreached[-1])
        example.landed_on, example.checked_at = now_id, utcnow()
    check.questions, check.unreached = len(examples), unreached
    check.lost, check.moved = lost, moved
    check.state, check.finished_at = CheckState.DONE, utcnow()
    db.session.commit()
    return check


def latest_check() -> KnowledgeCheck | None:
    return db.session.scalar(db.select(KnowledgeCheck).order_by(KnowledgeCheck.id.desc()).limit(1))


@dataclass(frozen=True)
class Restored:
    faqs: int  # FAQs put back
    missing: int  # FAQs deleted since: nothing to put back


def restore(check: KnowledgeCheck, editor_id: int | None) -> tuple[Restored, list[dict]]:
    """Put the FAQs a change touched back as they were before it (text version and shown
    or hidden); returns what was done and their snapshot from before the restore."""
    put_back = missing = 0
    faqs = []
    for was in check.before or []:
        faq = db.session.get(Faq, was["id"])
        kept = db.session.scalar(
            db.select(FaqVersion).filter_by(faq_id=was["id"], version=was["version"])
        )
        if faq is None or kept is None:
            missing += 1
            continue
        faqs.append((faq, kept, was["is_active"]))
    before = snapshot(faq for faq, _, _ in faqs)
    for faq, kept, is_active in faqs:
        restore_version(faq, kept, editor_id)
        faq.is_active = is_active
        put_back += 1
    check.restored_at = utcnow()
    db.session.commit()
    return Restored(put_back, missing), before


def restore_version(faq: Faq, kept: FaqVersion, editor_id: int | None) -> None:
    """The FAQ's text as that version had it: a new version (history is never rewritten)."""
    if (faq.question, faq.answer, faq.category) == (kept.question, kept.answer, kept.category):
        return
    faq.question, faq.answer, faq.category = kept.question, kept.answer, kept.category
    faq.edited_by_id = editor_id
    faq._restoring = kept.version  # the version row says "restored version N"
