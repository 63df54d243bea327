"""Card numbers and email addresses typed into the chat stay out of the model's prompt,
the transcript, ticket snapshots and the logs."""

import logging

from app.extensions import db
from app.models import Message, Role, Ticket
from tests.test_escalation import escalate

CARD = "4242 4242 4242 4242"  # passes Luhn


def test_a_card_number_never_reaches_the_model_or_the_transcript(customer, model_server):
    customer.ask(f"My card {CARD} was charged twice")
    sent = model_server.customer_message()["content"]
    assert sent == "My card [card number removed] was charged twice"
    stored = db.session.scalar(db.select(Message.content).filter_by(role=Role.USER))
    assert "4242" not in stored
    html = customer.thread().get_data(as_text=True)
    assert "4242" not in html and "[card number removed]" in html


def test_numbers_that_are_not_cards_are_kept(customer, model_server):
    customer.ask("Order 12345678901234 and phone 020 7946 0321, card 4242-4242-4242-4241")
    sent = model_server.customer_message()["content"]
    assert "12345678901234" in sent and "020 7946 0321" in sent
    assert "4242-4242-4242-4241" in sent  # fails Luhn: not a card number


def test_email_addresses_stay_out_of_the_chat_but_not_the_ticket(customer, model_server):
    customer.ask("Write to me at pat.smith@example.com please")
    assert "pat.smith@example.com" not in str(model_server.requests)
    escalate(customer, f"Refund to card {CARD}", "pat.smith@example.com")
    ticket = db.session.scalar(db.select(Ticket))
    assert ticket.contact == "pat.smith@example.com"
    assert "[email address removed]" in ticket.snapshot[0]["content"]
    assert ticket.summary == "Refund to card [card number removed]"


def test_log_lines_never_carry_a_card_number(app, caplog):
    with caplog.at_level(logging.INFO):
        logging.getLogger("anything").info("customer said %s", f"card {CARD}")
    assert "4242" not in caplog.text and "[card number removed]" in caplog.text
