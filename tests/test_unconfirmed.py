"""No invented facts (issue 19): a finished reply whose numbers, prices, dates, URLs,
emails or phone numbers appear in none of the FAQs it was given (nor earlier in the
conversation) is stored as flagged; the customer is told a person can confirm the
detail and offered one; staff see it listed, the detail marked, and counted."""

import html

from app.extensions import db
from app.models import Message, Role
from tests.factories import make_faq

SHIPPING = (
    "How long does shipping take?",
    "Standard shipping takes 3-5 working days and costs $4.99.",
)


def shipping_faq():
    return make_faq(*SHIPPING, category="shipping")


def last_reply() -> Message:
    db.session.expire_all()
    query = db.select(Message).filter_by(role=Role.ASSISTANT).order_by(Message.id.desc())
    return db.session.scalars(query).first()


def test_a_made_up_price_is_flagged_and_the_customer_offered_a_person(customer, model_server):
    faq = shipping_faq()
    model_server.reply_with(f"Shipping costs $15 and takes 3-5 working days [FAQ {faq.id}].")

    page = html.unescape(customer.ask("How much is shipping?"))

    assert "A person can confirm this detail: $15. Would you like to talk to a person?" in page
    assert [(f["text"], f["kind"]) for f in last_reply().unsupported_facts] == [("$15", "money")]


def test_facts_from_the_faqs_or_the_customer_are_not_flagged(customer, model_server):
    faq = shipping_faq()
    model_server.reply_with(
        f"It costs 4.99 dollars and takes three to five working days [FAQ {faq.id}]. "
        "Your order from 3 weeks ago should have arrived by now."
    )

    page = customer.ask("I ordered 3 weeks ago. What does shipping cost?")

    assert "A person can confirm" not in page
    assert last_reply().unsupported_facts is None


def test_staff_see_flagged_replies_with_the_detail_marked(client, agent, customer, model_server):
    faq = shipping_faq()
    model_server.reply_with(f"Call us on 0800 123 4567 about shipping [FAQ {faq.id}].")
    customer.ask("Can I phone you about shipping?")
    reply = last_reply()

    listed = client.get("/admin/flagged/").get_data(as_text=True)
    dashboard = client.get("/admin/").get_data(as_text=True)

    assert "Call us on <mark>0800 123 4567</mark> about shipping" in listed
    assert f'href="/admin/conversation/details/?id={reply.session_id}"' in listed
    assert '<div class="h2" id="flagged-week">1</div>' in dashboard
    transcript = client.get(f"/admin/conversation/details/?id={reply.session_id}")
    assert "Details no FAQ it was given holds: <mark>0800 123 4567</mark>" in transcript.get_data(
        as_text=True
    )


def test_the_api_says_which_details_need_confirming(client, model_server):
    faq = shipping_faq()
    model_server.reply_with(f"Shipping is free over $50 [FAQ {faq.id}].")

    body = client.post("/api/chat/", json={"message": "Is shipping ever free?"}).get_json()

    assert body["unconfirmed"] == ["$50"]
    assert body["suggest_person"] is True


def test_an_answer_without_facts_asks_nothing_more(client, model_server):
    faq = shipping_faq()
    model_server.reply_with(f"Yes, we ship to your area [FAQ {faq.id}].")

    body = client.post("/api/chat/", json={"message": "Do you ship to Leeds?"}).get_json()

    assert body["unconfirmed"] == [] and body["suggest_person"] is False
