"""A pending reply's text as it is written, read by chat.js as server-sent events."""

from flask import current_app, request, stream_with_context

from app.extensions import db
from app.routes.chat import bp
from app.routes.chat.events import reply_events
from app.routes.chat.tokens import own_message


@bp.get("/chat/messages/<int:message_id>/stream")
def stream(message_id: int):
    """A pending reply's text as it is written (server-sent events), then the final message.

    Read with fetch() rather than EventSource, which cannot send the token header.
    """
    _, reply = own_message(message_id)
    reply_id, pending = reply.id, reply.is_pending
    last_event_id = request.headers.get("Last-Event-ID")
    db.session.rollback()  # no transaction stays open for the length of the stream
    events = reply_events(reply_id, pending, last_event_id)
    return current_app.response_class(
        stream_with_context(events),
        mimetype="text/event-stream",
        headers={"X-Accel-Buffering": "no"},  # tell nginx not to hold the deltas back
    )
