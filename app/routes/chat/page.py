"""The support page, and the conversation so far."""

from flask import render_template

from app.extensions import csrf
from app.forms import MessageForm
from app.htmx import is_htmx
from app.models import ChatSession
from app.routes.chat import bp
from app.routes.chat.tokens import chat_token, current_chat


def chat_page(
    chat: ChatSession | None,
    form: MessageForm | None = None,
    new_token: str | None = None,
    status: int = 200,
    **extra,
):
    """The whole support page showing `chat`'s thread.

    Its form carries the token in a hidden field, for browsers without JavaScript.
    """
    return render_template(
        "portal/index.html",
        messages=chat.messages if chat else [],
        form=form or MessageForm(formdata=None),
        chat_token=new_token or (chat_token() if chat else None),
        thread_loaded=chat is not None,
        **extra,
    ), status


@bp.get("/")
def index():
    """The support page; the browser then loads its own thread with its token."""
    return chat_page(None)


@bp.route("/chat/thread", methods=["GET", "POST"])
@csrf.exempt
def thread():
    """The conversation so far (POST only lets a page without JavaScript send its token)."""
    chat = current_chat()
    if not is_htmx():
        return chat_page(chat)
    messages = chat.messages if chat else []
    return render_template("chat/_thread.html", messages=messages, thread_loaded=True)
