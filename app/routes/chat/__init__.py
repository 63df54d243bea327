"""The customer's chat: the support page and every door of its conversation.

One blueprint, a module per concern: `page` (the page and its thread), `messages` (send,
read, retry), `stream` (a reply as it is written), `handoff` ("Talk to a person"),
`feedback` ("Did that help?"), `delete` (forgetting the conversation); `tokens` finds
the chat a request opens. The chat views are CSRF-exempt: the token travels in a header,
so they carry no ambient credential that another site could borrow.
"""

from flask import Blueprint, request

bp = Blueprint("chat", __name__)


@bp.after_request
def varying(response):
    # A fragment and the whole page share a URL. (Transcripts are private: no-store, as
    # every dynamic response, from app/security.py.)
    response.vary.add("HX-Request")
    return response


from app.routes.chat import delete, feedback, handoff, messages, page, stream  # noqa: E402

__all__ = ["bp", "delete", "feedback", "handoff", "messages", "page", "stream"]


@bp.errorhandler(429)
def too_many_requests(error):
    """A limited customer is told so where the form's errors go; nothing was saved."""
    if request.endpoint == "chat.escalate":
        return handoff.limited(error)
    return messages.limited(error)
