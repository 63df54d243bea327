"""Gaps into drafts in Chromium, on a desktop and on a phone, with the assistant offline
(it quotes the FAQ it finds, so what the chat offers is the FAQ's text):

(a) a staff reply on a ticket becomes a draft, merged into the FAQ that already covered
    shipping: the next customer is offered the merged answer;
(b) unanswered questions grouped: "Write an FAQ" opens the FAQ form with the group's
    question, and once saved the next such question is answered from it.

Screenshots of each page go to test-results/, for people to look at."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.models import ExampleSource, Faq, Message
from app.support.prompts import DONT_KNOW
from tests.conftest import Customer
from tests.factories import make_faq, make_staff
from tests.test_headers import Violations

SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-results"  # looked at by people
WIDTHS = [1280, 390]  # desktop and phone

pytestmark = pytest.mark.app_config(OPENAI_API_KEY=None)  # the offline answerer quotes FAQs

SHIPPING = "How long does shipping take?"
MERGED = "Standard shipping takes 3-5 working days; to Canada, 7-10 working days ($15)."


@pytest.fixture
def shop(app):
    make_faq(SHIPPING, "Standard shipping takes 3-5 working days.", category="shipping")
    make_faq("How do I return an item?", "Within 30 days, unused.", category="returns")
    make_faq("Are your tents waterproof?", "Yes, to 3000 mm.", category="products")
    make_staff("agent@example.com", is_admin=False)


def staff_page(browser, live_server, width: int):
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    violations = Violations(page)
    page.goto(f"{live_server}/auth/login")
    page.get_by_label("Email").fill("agent@example.com")
    page.get_by_label("Password").fill("correct horse")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile("/admin/"))
    return page, violations


def open_menu(page, width: int, item: str) -> None:
    if width < 992:  # the menu folds away on a phone
        # Bootstrap binds the toggler in a script at the end of the page: a click
        # before the page's load event opens nothing.
        page.wait_for_load_state("load")
        page.locator(".navbar-toggler").click()
    page.get_by_role("link", name=item, exact=True).first.click()


def screenshot(page, name: str, width: int) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)


def ask(page, live_server, question: str):
    """A customer's question in the chat; the assistant's final reply."""
    page.goto(live_server)
    page.get_by_label("Message").fill(question)
    page.get_by_role("button", name="Send").click()
    reply = page.locator(".from-assistant .reply").last
    expect(reply).not_to_be_empty()
    return reply


@pytest.mark.parametrize("width", WIDTHS)
def test_a_reply_becomes_a_draft_merged_into_the_faq_the_chat_then_offers(
    browser, live_server, shop, width
):
    customer = browser.new_context().new_page()
    ask(customer, live_server, "How long does shipping to Canada take?")
    customer.get_by_role("button", name="Talk to a person").click()
    customer.get_by_role("button", name="Send to a person").click()
    expect(customer.locator("#handoff [role=status]")).to_contain_text("your request number")

    agent, violations = staff_page(browser, live_server, width)
    open_menu(agent, width, "Tickets")
    # The request is the ticket's link at every width (a phone hides the icon column).
    agent.locator("table.model-list tbody").get_by_role(
        "link", name=re.compile("shipping to Canada")
    ).first.click()
    expect(agent.get_by_role("button", name="Save as FAQ draft")).to_have_count(0)
    agent.get_by_label(re.compile("Reply to the customer")).fill(
        "Parcels to Canada take 7-10 working days and cost $15."
    )
    agent.get_by_role("button", name="Send reply").click()
    expect(agent.locator(".alert").first).to_contain_text("Reply sent")
    screenshot(agent, "drafts-ticket", width)

    agent.get_by_role("button", name="Save as FAQ draft").click()
    expect(agent.locator(".alert").first).to_contain_text("Saved as an FAQ draft")
    expect(agent.get_by_label("Answer")).to_have_value(
        "Parcels to Canada take 7-10 working days and cost $15."
    )
    screenshot(agent, "drafts-edit", width)

    open_menu(agent, width, "FAQ drafts")
    row = agent.locator("table.model-list tbody tr", has_text="shipping to Canada")
    expect(row.locator(".draft-near")).to_contain_text(SHIPPING)
    screenshot(agent, "drafts-list", width)
    row.get_by_role("link", name="Merge into…").first.click()

    expect(agent.get_by_role("heading", name=f"Merge a draft into “{SHIPPING}”")).to_be_visible()
    answer = agent.get_by_label(re.compile("The FAQ's answer"))
    expect(answer).to_have_value(re.compile(r"3-5 working days\.\s+Parcels to Canada"))
    screenshot(agent, "drafts-merge", width)
    answer.fill(MERGED)
    agent.get_by_role("button", name="Save the FAQ and merge").click()
    expect(agent.locator(".alert").first).to_contain_text(f"Merged into “{SHIPPING}”")
    expect(agent.get_by_text("No drafts to review")).to_be_visible()
    violations.check(f"drafts pages at {width} px")

    # The next customer asking is offered the merged answer.
    next_customer = browser.new_context().new_page()
    reply = ask(next_customer, live_server, "how long does shipping to canada take")
    expect(reply).to_contain_text(MERGED)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_group_of_unanswered_questions_becomes_an_faq_that_answers_the_next(
    browser, live_server, shop, client, width
):
    asked = [
        "can I pay with PayPal?",
        "what payment methods do you accept?",
        "do you take Apple Pay?",
    ]
    for question in asked:
        assert DONT_KNOW.split(",")[0] in Customer(client).ask(question).replace("&#39;", "'")

    agent, violations = staff_page(browser, live_server, width)
    open_menu(agent, width, "Unanswered questions")
    agent.get_by_role("link", name="Grouped by similarity").click()
    group = agent.locator("section.gap-group").first
    expect(group).to_contain_text("asked 3 times")
    screenshot(agent, "unanswered-groups", width)
    typical = group.locator("h2").inner_text()
    assert typical in asked

    group.get_by_role("link", name="Write an FAQ").click()
    expect(agent).to_have_url(re.compile(r"/admin/faq/new/\?question="))
    question = agent.locator("textarea#question")
    expect(question).to_have_value(typical)
    question.fill("Which payment methods do you accept?")  # staff word it for everyone
    agent.get_by_label("Answer").fill("Visa, Mastercard, PayPal and Apple Pay.")
    agent.get_by_role("button", name="Save", exact=True).click()
    expect(agent.locator(".alert-success").first).to_contain_text("successfully created")
    expect(agent).to_have_url(re.compile("/admin/unanswered/groups/"))
    expect(agent.get_by_text("No unanswered questions")).to_be_visible()
    violations.check(f"unanswered pages at {width} px")

    db.session.expire_all()
    faq = db.session.scalar(
        db.select(Faq).filter_by(question="Which payment methods do you accept?")
    )
    assert {(e.text, e.source) for e in faq.examples} == {
        (question, ExampleSource.UNANSWERED) for question in asked
    }
    assert not db.session.scalar(db.select(Message.id).filter_by(unanswered=True))

    reply = ask(browser.new_context().new_page(), live_server, "can I pay by paypal")
    expect(reply).to_contain_text("Visa, Mastercard, PayPal and Apple Pay.")
