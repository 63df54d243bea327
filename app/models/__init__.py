"""Every model, imported here so Alembic and the app see the whole schema."""

from app.models.api_key import ApiKey
from app.models.chat import (
    ChatSession,
    Failure,
    Feedback,
    FeedbackReason,
    Message,
    Outcome,
    Role,
    SessionState,
    Status,
)
from app.models.embedding import FaqEmbedding, QuestionEmbedding
from app.models.faq import (
    CategoryKeywords,
    CheckState,
    ExampleQuestion,
    ExampleSource,
    Faq,
    FaqVersion,
    KnowledgeCheck,
)
from app.models.site import Site
from app.models.staff import StaffUser
from app.models.ticket import Ticket, TicketNote, TicketStatus
from app.models.usage import TokenUsage

__all__ = [
    "ApiKey",
    "CategoryKeywords",
    "ChatSession",
    "CheckState",
    "ExampleQuestion",
    "ExampleSource",
    "Failure",
    "Faq",
    "Feedback",
    "FeedbackReason",
    "FaqEmbedding",
    "FaqVersion",
    "KnowledgeCheck",
    "Message",
    "Outcome",
    "QuestionEmbedding",
    "Role",
    "SessionState",
    "Site",
    "StaffUser",
    "Status",
    "Ticket",
    "TicketNote",
    "TicketStatus",
    "TokenUsage",
]
