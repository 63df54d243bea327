"""Staff run the knowledge base in Chromium, on a desktop and on a phone: an agent writes
FAQs in a category picked from the list and in a new one, and hides one from the
assistant; an admin imports a file whose new rows have no id. Screenshots of each page
go to test-results/, for people to look at."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.models import Faq
from tests.factories import make_faq, make_staff
from tests.test_headers import Violations

SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-results"  # looked at by people
WIDTHS = [1280, 390]  # desktop and phone

# The pages, not the vectors (tests/test_faq_vectors.py): no model to load in the server.
pytestmark = pytest.mark.app_config(SEMANTIC_RANKER="off")


@pytest.fixture
def knowledge_base(app):
    make_faq("How long does shipping take?", "3-5 working days.", category="shipping")
    make_faq("How do I return an item?", "Within 30 days, unused.", category="returns")


def staff_page(browser, live_server, width: int, email: str):
    """A signed-in page at this width, recording CSP violations."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 900})
    violations = Violations(page)
    page.goto(f"{live_server}/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("correct horse")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("h1", has_text="Dashboard")).to_be_visible()
    return page, violations


def screenshot(page, name: str, width: int) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)


def faq(question: str) -> Faq | None:
    db.session.expire_all()
    return db.session.scalar(db.select(Faq).filter_by(question=question))


def write_faq(page, live_server, question: str, answer: str) -> None:
    page.goto(f"{live_server}/admin/faq/new/")
    page.get_by_label(re.compile(r"^Question")).fill(question)  # not "Example questions"
    page.get_by_label("Answer").fill(answer)


def save(page) -> None:
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("Record was successfully created.")


@pytest.mark.parametrize("width", WIDTHS)
def test_an_agent_writes_faqs_in_listed_and_new_categories_and_hides_one(
    browser, live_server, knowledge_base, width
):
    make_staff(is_admin=False)
    page, violations = staff_page(browser, live_server, width, "agent@example.com")

    # A category from the list: the new category's box stays out of the way.
    write_faq(page, live_server, "Can I return a used tent?", "Only if it is faulty.")
    category = page.get_by_label("Category", exact=True)
    expect(category.locator("option")).to_have_text(
        ["No category", "returns", "shipping", "New category…"]
    )
    new_name = page.get_by_label("New category name")
    expect(new_name).to_be_hidden()
    category.select_option("returns")
    expect(new_name).to_be_hidden()
    save(page)
    assert faq("Can I return a used tent?").category == "returns"

    # "New category…" shows the box, ready to type in.
    write_faq(page, live_server, "Do you sell gift cards?", "Yes, from $25.")
    page.get_by_label("Category", exact=True).select_option(label="New category…")
    expect(new_name).to_be_visible()
    expect(new_name).to_be_focused()
    new_name.fill("Gift cards")
    screenshot(page, "faq-form", width)
    save(page)
    assert faq("Do you sell gift cards?").category == "Gift cards"

    # The next FAQ offers it in the list.
    page.goto(f"{live_server}/admin/faq/new/")
    expect(page.get_by_label("Category", exact=True).locator("option")).to_contain_text(
        ["Gift cards"]
    )

    # Hidden from the assistant in one press, and the list says so.
    page.goto(f"{live_server}/admin/faq/")
    row = page.locator("table.model-list tbody tr", has_text="How long does shipping take?")
    expect(row).to_contain_text("Shown")
    row.get_by_role("button", name="Hide").click()
    expect(page.locator(".alert-success")).to_contain_text("1 FAQ hidden from the assistant.")
    expect(row).to_contain_text("Hidden")
    expect(row.get_by_role("button", name="Show")).to_be_visible()
    assert faq("How long does shipping take?").is_active is False
    screenshot(page, "faq-list", width)

    # The category filter offers the categories in use.
    page.get_by_role("link", name="Add Filter").click()
    page.locator("a.filter", has_text="Category").click()
    choices = page.locator("#filter_form select.filter-val option")
    expect(choices).to_have_text(["Gift cards", "returns", "shipping"])

    # One rename moves every FAQ of the category.
    page.get_by_role("link", name="Rename a category").click()
    page.get_by_label("Category").select_option("returns")
    page.get_by_label("New name").fill("Returns and refunds")
    page.get_by_role("button", name="Rename").click()
    expect(page.locator(".alert-success")).to_contain_text(
        "Renamed “returns” to “Returns and refunds”: 2 FAQs moved."
    )
    screenshot(page, "faq-categories", width)
    assert faq("Can I return a used tent?").category == "Returns and refunds"
    violations.check(f"faq pages at {width} px")
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_an_admin_imports_new_rows_without_ids(browser, live_server, knowledge_base, width):
    make_staff("boss@example.com", is_admin=True)
    page, violations = staff_page(browser, live_server, width, "boss@example.com")
    page.goto(f"{live_server}/admin/faq/")
    page.get_by_role("link", name="Import CSV").click()
    expect(page.get_by_role("heading", name="Import FAQs")).to_be_visible()
    screenshot(page, "faq-import", width)

    page.get_by_label("CSV file").set_input_files(
        {
            "name": "faqs.csv",
            "mimeType": "text/csv",
            "buffer": (
                b"id,category,question,answer\n"
                b",gift cards,Do you sell gift cards?,From $25.\n"
                b",shipping,Do you ship abroad?,To 20 countries.\n"
                b"1,shipping,How long does shipping take?,2-4 working days.\n"
            ),
        }
    )
    page.get_by_role("button", name="Import").click()

    expect(page.locator(".alert-success")).to_contain_text("Imported 3 FAQs: 2 new, 1 updated.")
    expect(page.locator("table.model-list tbody tr")).to_have_count(4)
    assert faq("Do you sell gift cards?").id == 3 and faq("Do you ship abroad?").id == 4
    assert faq("How long does shipping take?").answer == "2-4 working days."
    violations.check(f"import at {width} px")
    page.close()
