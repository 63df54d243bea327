"""The FAQ drafts waiting for review: each one published, edited, discarded, or merged
into the FAQ that already says the same. Drafts come from a ticket's reply (its page's
"Save as FAQ draft"), a group of unanswered questions ("Save as draft"), or `kb drafts`;
app/support/drafts.py does the work, this is the page.

Who may discard: agents as well as admins. Agents delete nothing else (app/admin/base.py)
because what they would delete is something customers rely on (an FAQ) or a record of
what happened (tickets, conversations). A draft is neither: the assistant never saw it,
its ticket and questions stay, and a queue only one admin may clear would fill up. The
Discard button answers drafts only; deleting a published FAQ stays the admins'.
"""

from flask import abort, current_app, flash, get_template_attribute, redirect, request, url_for
from flask_admin import expose
from flask_login import current_user
from markupsafe import Markup
from wtforms import TextAreaField
from wtforms.validators import DataRequired

from app.admin.base import SecureModelView, parse_row_id
from app.admin.views import category_field
from app.extensions import db
from app.forms import TextForm
from app.models import Faq
from app.support import drafts


class MergeForm(TextForm):
    answer = TextAreaField("Answer", validators=[DataRequired("Write the FAQ's answer.")])


def _question(view, context, model, name) -> Markup:
    macro = get_template_attribute("admin/drafts_macros.html", "question_cell")
    return macro(model, drafts.needs_answer(model))


def _source(view, context, model, name) -> Markup:
    if model.source_ticket_id is None:
        return Markup("{}").format(model.draft_source or "")
    link = url_for("ticket.details_view", id=model.source_ticket_id)
    return Markup('<a href="{}">{}</a>').format(link, model.draft_source)


def _near(view, context, model, name) -> Markup:
    macro = get_template_attribute("admin/drafts_macros.html", "near_cell")
    return macro(model, drafts.near_duplicates(model.question, current_app.config))


def _review(view, context, model, name) -> Markup:
    macro = get_template_attribute("admin/drafts_macros.html", "review_cell")
    return macro(model, drafts.needs_answer(model))


class DraftView(SecureModelView):
    """Faq rows with is_draft set; the FAQ list (FaqView) shows the others."""

    can_create = False  # drafts come from tickets and questions; new FAQs from the FAQ list
    can_delete = False  # Discard instead, for agents too (see the module's docstring)
    column_display_actions = False  # the Review column has the buttons
    column_list = ("question", "draft_source", "created_at", "near_duplicates", "review")
    column_labels = {
        "draft_source": "Source",
        "created_at": "Created",
        "near_duplicates": "Closest FAQs",
        "review": "Review",
    }
    column_formatters = {
        "question": _question,
        "draft_source": _source,
        "near_duplicates": _near,
        "review": _review,
    }
    column_sortable_list = ("question", "created_at")
    column_searchable_list = ("question", "answer")
    column_default_sort = ("created_at", True)
    form_columns = ("question", "answer", "category")
    form_extra_fields = {"category": category_field()}
    form_widget_args = {"answer": {"rows": 8}}
    list_template = "admin/drafts_list.html"
    edit_template = "admin/drafts_edit.html"

    def get_query(self):
        return super().get_query().filter(Faq.is_draft.is_(True))

    def get_count_query(self):
        return super().get_count_query().filter(Faq.is_draft.is_(True))

    def get_one(self, id):
        """Drafts only: a published FAQ's id opens nothing here (its page is the FAQ list's)."""
        faq = super().get_one(id)
        return faq if faq is not None and faq.is_draft else None

    def on_model_change(self, form, model, is_created):
        model.edited_by_id = current_user.id  # the version history records who

    def after_model_change(self, form, model, is_created):
        """ "Save and publish" publishes once saved; a draft whose answer is still to
        write stays a draft, and its page says why."""
        if "_publish" in request.form:
            self._publish(model)

    def get_save_return_url(self, model, is_created=False):
        if "_publish" in request.form and model.is_draft:  # not published: back to it
            return url_for(".edit_view", id=model.id)
        return super().get_save_return_url(model, is_created)

    def render(self, template, **kwargs):
        if template == self.edit_template:
            draft = kwargs["model"]
            kwargs["near"] = drafts.near_duplicates(draft.question, current_app.config)
        return super().render(template, **kwargs)

    def _draft_or_404(self, value) -> Faq:
        draft = self.get_one(value or "")
        if draft is None:
            abort(404)
        return draft

    # Review.

    @expose("/publish/", methods=("POST",))
    def publish_view(self):
        draft = self._draft_or_404(request.form.get("id"))
        if not self._publish(draft):
            return redirect(url_for(".edit_view", id=draft.id))
        return redirect(url_for(".index_view"))

    def _publish(self, draft: Faq) -> bool:
        try:
            drafts.publish(draft, current_user)
        except drafts.NotReady as why:
            flash(f"Not published: {why}.", "error")
            return False
        link = url_for("faq.edit_view", id=draft.id)
        flash(
            Markup('Published: <a href="{}">“{}”</a> is now an FAQ the assistant uses.').format(
                link, draft.question
            ),
            "success",
        )
        return True

    @expose("/discard/", methods=("POST",))
    def discard_view(self):
        draft = self._draft_or_404(request.form.get("id"))
        question = draft.question
        drafts.discard(draft)
        flash(f"Draft discarded: “{question}”.", "success")
        return redirect(url_for(".index_view"))

    @expose("/merge/", methods=("GET", "POST"))
    def merge_view(self):
        """Into an FAQ that says the same: staff edit the FAQ's answer (the draft's added
        at its end to start from), and the draft's question joins the FAQ's examples."""
        draft = self._draft_or_404(request.args.get("id"))
        target = db.session.get(Faq, parse_row_id(request.args.get("into", "")) or 0)
        if target is None or target.is_draft:
            abort(404)
        form = MergeForm(data={"answer": drafts.merged_answer(target, draft)})
        if form.validate_on_submit():
            drafts.merge(draft, target, form.answer.data, current_user)
            flash(
                Markup('Merged into <a href="{}">“{}”</a>.').format(
                    url_for("faq.edit_view", id=target.id), target.question
                ),
                "success",
            )
            return redirect(url_for(".index_view"))
        return self.render("admin/drafts_merge.html", draft=draft, target=target, form=form)
