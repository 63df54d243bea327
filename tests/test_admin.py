"""The back office: closed to anyone not signed in, CSRF on every form, FAQs editable."""

import json
import re

import jinja2
import pytest

from app.extensions import db
from app.models import Faq
from tests.factories import make_faq, make_staff


@pytest.fixture
def staff(auth):
    make_staff()
    auth.login()
    return auth


def admin_urls(app) -> list[tuple[str, str]]:
    urls = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/admin") or rule.endpoint == "admin.static":
            continue
        url = rule.rule.replace("<export_type>", "csv")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            urls.append((method, url))
    return urls


def test_every_admin_url_sends_anonymous_visitors_to_login(client, app):
    urls = admin_urls(app)
    assert ("GET", "/admin/") in urls and ("POST", "/admin/faq/new/") in urls
    for method, url in urls:
        response = client.open(url, method=method)
        if method == "GET":
            assert response.status_code == 302, url
            assert response.headers["Location"].startswith("/auth/login?next=/admin"), url
        else:
            # POSTs are stopped even earlier, by the missing CSRF token.
            assert response.status_code in (302, 400), url


def test_disabled_staff_is_sent_to_login(client, auth, app):
    user = make_staff()
    auth.login()
    user.active = False
    db.session.commit()
    assert client.get("/admin/faq/").status_code == 302


def test_faq_list_shows_question_category_and_active(client, staff):
    make_faq("How do I return an item?", "Within 30 days.", category="returns")
    html = client.get("/admin/faq/").get_data(as_text=True)
    assert "How do I return an item?" in html
    assert "returns" in html
    assert ">Active<" in html or "Active</a>" in html
    assert 'name="search"' in html


def test_faq_search_covers_question_and_answer(client, staff):
    make_faq("How do I return an item?", "Print the prepaid label.")
    make_faq("Do you sell gift cards?", "Yes, from $25.")
    by_answer = client.get("/admin/faq/?search=prepaid").get_data(as_text=True)
    assert "How do I return an item?" in by_answer and "gift cards" not in by_answer
    by_question = client.get("/admin/faq/?search=gift").get_data(as_text=True)
    assert "gift cards" in by_question and "return an item" not in by_question


def test_staff_creates_an_faq_through_the_form(client, staff):
    token = staff.csrf_token("/admin/faq/new/")
    response = client.post(
        "/admin/faq/new/",
        data={
            "question": "Do you price match?",
            "answer": "No, sorry.",
            "category": "products",
            "is_active": "y",
            "csrf_token": token,
        },
    )
    assert response.status_code == 302
    faq = db.session.scalar(db.select(Faq))
    assert (faq.question, faq.answer, faq.category, faq.is_active) == (
        "Do you price match?",
        "No, sorry.",
        "products",
        True,
    )


def test_one_form_error_does_not_mark_later_forms_invalid(app, client, staff):
    # Flask-Admin's template reads an attribute textareas lack to show their error:
    # harmless under Jinja's default Undefined, the one the app runs with.
    app.jinja_env.undefined = jinja2.Undefined
    token = staff.csrf_token("/admin/faq/new/")
    refused = client.post("/admin/faq/new/", data={"question": "Q?", "csrf_token": token})
    assert "is-invalid" in refused.text  # the answer is missing
    assert "is-invalid" not in client.get("/admin/faq/new/").text


def test_admin_form_without_csrf_token_is_refused_and_saves_nothing(client, staff):
    response = client.post("/admin/faq/new/", data={"question": "Q?", "answer": "A."})
    assert response.status_code == 400
    assert db.session.scalar(db.select(Faq)) is None


def test_is_active_is_editable_in_the_list(client, staff):
    faq = make_faq()
    list_html = client.get("/admin/faq/").get_data(as_text=True)
    # The in-list x-editable control, carrying the CSRF token it posts back.
    assert 'data-role="x-editable-boolean"' in list_html and 'name="is_active"' in list_html
    assert "data-csrf=" in list_html
    response = client.post(
        "/admin/faq/ajax/update/",
        data={
            "list_form_pk": faq.id,
            "is_active": "",
            "csrf_token": staff.csrf_token("/admin/faq/"),
        },
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Faq, faq.id).is_active is False


def filter_arg(html: str, column: str, operation: str) -> str:
    """The URL argument Flask-Admin gives a filter, read from the page's filter data."""
    groups = json.loads(re.search(r'id="filter-groups-data"[^>]*>([^<]*)<', html).group(1))
    return next(f["arg"] for f in groups[column] if f["operation"] == operation)


def test_filters_on_active_and_category(client, staff):
    make_faq("Visible question?", "A.", category="shipping")
    make_faq("Retired question?", "B.", category="returns", is_active=False)
    html = client.get("/admin/faq/").get_data(as_text=True)

    inactive = client.get(f"/admin/faq/?flt0_{filter_arg(html, 'Active', 'equals')}=0").get_data(
        as_text=True
    )
    assert "Retired question?" in inactive and "Visible question?" not in inactive
    shipping = client.get(f"/admin/faq/?flt0_{filter_arg(html, 'Category', 'equals')}=shipping")
    assert "Visible question?" in shipping.get_data(as_text=True)
    assert "Retired question?" not in shipping.get_data(as_text=True)


def test_admin_shows_who_is_logged_in_with_a_logout_button(client, staff):
    html = client.get("/admin/").get_data(as_text=True)
    assert "agent@example.com" in html
    assert 'action="/auth/logout"' in html
