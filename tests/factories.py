"""Plain helpers that put rows in the database (call inside an app context)."""

from app.extensions import db
from app.models import ChatSession, Faq, Message, Role, StaffUser, Status


def make_faq(
    question: str = "How long does shipping take?", answer: str = "3-5 days.", **fields
) -> Faq:
    faq = Faq(question=question, answer=answer, **fields)
    db.session.add(faq)
    db.session.commit()
    return faq


def make_chat() -> tuple[ChatSession, str]:
    chat, token = ChatSession.open()
    db.session.add(chat)
    db.session.commit()
    return chat, token


def make_message(
    chat: ChatSession, role: Role, content: str, status: Status = Status.DONE
) -> Message:
    message = Message(session=chat, role=role, content=content, status=status)
    db.session.add(message)
    db.session.commit()
    return message


def make_staff(
    email: str = "agent@example.com", password: str = "correct horse", **fields
) -> StaffUser:
    user = StaffUser(email=email, **fields)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user
