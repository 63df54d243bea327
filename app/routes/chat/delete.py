"""Forgetting: the customer deletes their conversation, after confirming."""

from flask import render_template, request

from app.extensions import csrf
from app.htmx import is_htmx
from app.routes.chat import bp
from app.routes.chat.page import chat_page
from app.routes.chat.tokens import LOOKUP, current_chat
from app.support.escalation import unresolved_ticket
from app.support.retention import delete_for_customer


def confirmation(chat):
    """The confirmation step; an unresolved ticket stays with staff, and it says so
    (retention.delete_for_customer)."""
    ticket = unresolved_ticket(chat) if chat else None
    if not is_htmx():
        return chat_page(chat, delete_step="confirm", open_ticket=ticket)
    return render_template(
        "chat/_delete.html", delete_step="confirm", open_ticket=ticket, chat_token=None
    )


@bp.get("/chat/delete")
def delete_control():
    """The "Delete this conversation" control as it stands (the confirmation's Keep it)."""
    return render_template("chat/_delete.html", delete_step=None, chat_token=None)


@bp.post("/chat/delete")
@csrf.exempt
def delete_conversation():
    """Ask the customer to confirm, then delete the conversation: the chat starts afresh."""
    chat = current_chat()
    if request.form.get("confirm") != "yes":
        return confirmation(chat)
    # A chat already gone is "deleted" all the same: a double click is harmless.
    if chat is not None:
        delete_for_customer(chat)
        request.environ.pop(LOOKUP, None)
    if not is_htmx():
        return chat_page(None, deleted=True)
    html = render_template("chat/_deleted.html", messages=[], thread_loaded=True)
    # chat.js forgets the token on this event: the next message opens a new chat.
    return html, {"HX-Trigger": "chat:forgotten"}
