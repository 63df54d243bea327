"""Customer questions no FAQ covered: what to write next in the knowledge base.

Two tabs: the questions grouped by similarity, biggest group first (app/support/gaps.py),
each with "Write an FAQ" (the FAQ form, its question filled in and the group's questions
attached: FaqView), "Save as draft" (for the review queue, its answer still to write) and
"Mark handled"; and every question as a list, with the bulk "Mark handled".
"""

from flask import current_app, flash, redirect, request, url_for
from flask_admin import expose
from flask_admin.actions import action
from flask_login import current_user
from markupsafe import Markup

from app.admin.base import SecureModelView, parse_row_ids
from app.jobs.gaps import embed_soon
from app.support import drafts, gaps
from app.support.gaps import UNANSWERED
from app.support.semantic import OFF

# Groups the page shows at most, biggest first; the rest are in the list.
GROUPS_SHOWN = 100


class UnansweredView(SecureModelView):
    """Customer questions no FAQ covered: what to write next in the knowledge base."""

    can_create = can_edit = can_delete = False
    column_list = ("content", "created_at")
    column_labels = {"content": "Question", "created_at": "Asked"}
    column_searchable_list = ("content",)
    column_filters = ("created_at",)
    column_default_sort = ("created_at", True)
    list_template = "admin/unanswered_list.html"

    def get_query(self):
        return super().get_query().filter(*UNANSWERED)

    def get_count_query(self):
        return super().get_count_query().filter(*UNANSWERED)

    @action("handled", "Mark handled", "Remove the selected questions from this list?")
    def mark_handled(self, ids):
        handled = gaps.mark_handled(parse_row_ids(ids))
        flash(f"{handled} questions marked handled.", "success")

    # Grouped.

    @expose("/groups/")
    def groups_view(self):
        # By meaning, only questions whose vectors are stored: the others are embedded by
        # a job (inline only without a queue, as replies are) and shown as waiting.
        report = gaps.unanswered_gaps(current_app.config)
        if report.waiting and embed_soon():
            report = gaps.unanswered_gaps(current_app.config)
        found = report.gaps
        return self.render(
            "admin/unanswered_groups.html",
            gaps=found[:GROUPS_SHOWN],
            hidden=len(found) - GROUPS_SHOWN if len(found) > GROUPS_SHOWN else 0,
            grouped=sum(gap.count for gap in found) + report.waiting,
            waiting=report.waiting,
            questions=gaps.unanswered_count(),
            by_meaning=current_app.config["SEMANTIC_RANKER"] not in OFF,
            write_url=write_faq_url,
        )

    @expose("/groups/draft/", methods=("POST",))
    def group_draft_view(self):
        """The group as a draft in the review queue: its typical question, the answer
        to write there (by whoever knows it), its questions attached and handled."""
        gap = self._posted_gap()
        if gap is not None:
            draft = drafts.draft_from_gap(gap, current_user)
            link = url_for("draft.edit_view", id=draft.id)
            flash(
                Markup('Saved as a draft: <a href="{}">“{}”</a>. Write its answer there.').format(
                    link, draft.question
                ),
                "success",
            )
        return redirect(url_for(".groups_view"))

    @expose("/groups/handled/", methods=("POST",))
    def group_handled_view(self):
        handled = gaps.mark_handled(parse_row_ids(request.form.getlist("id")))
        flash(f"{handled} questions marked handled.", "success")
        return redirect(url_for(".groups_view"))

    def _posted_gap(self) -> gaps.Gap | None:
        """The group the form names by its questions' ids (the server finds its typical
        question again); None, said to staff, when none of them is unanswered any more."""
        ids = parse_row_ids(request.form.getlist("id"))
        gap = gaps.gap_of(ids, current_app.config) if ids else None
        if gap is None:
            flash("Those questions were handled already: nothing was saved.", "info")
        return gap


def write_faq_url(gap: gaps.Gap) -> str:
    """The FAQ form with the group's typical question filled in; on save, the group's
    questions become the new FAQ's examples and leave this list (FaqView)."""
    return url_for(
        "faq.create_view",
        question=gap.typical.text,
        from_questions=",".join(map(str, gap.message_ids)),
        url=url_for("unanswered.groups_view"),
    )
