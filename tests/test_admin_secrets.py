"""No secret reaches a back-office page: no password hash, chat token hash or session id in
any list, filter, search, export, form or details page, directly or through a relation.

The penetration test (issue 16, item 11) found "Staff User / Password Hash" among the
ticket list's filters, and read an admin's hash with "contains" filters.
"""

import json
import re
from html import unescape

import pytest

from app.extensions import db
from app.models import ApiKey, CategoryKeywords, Role, Site, Ticket
from tests.conftest import ADMIN_LIST_VIEWS
from tests.factories import make_chat, make_faq, make_message, make_staff

SECRET_WORDS = re.compile(r"hash|token|secret|password|public.?id", re.I)
LIST_VIEWS = ADMIN_LIST_VIEWS


@pytest.fixture
def admin(auth):
    user = make_staff("boss@example.com", is_admin=True)
    auth.login("boss@example.com")
    return user


@pytest.fixture
def rows(admin):
    """One row in every view, the first ticket assigned to the admin."""
    chat, _ = make_chat()
    question = make_message(chat, Role.USER, "Do you ship to Iceland?")
    question.unanswered = True
    assigned = Ticket(session=chat, summary="Parcel-ALPHA", status="open", assignee=admin)
    other_chat, _ = make_chat()
    unassigned = Ticket(session=other_chat, summary="Refund-BRAVO", status="open")
    site = Site(name="Shop", allowed_origins="https://shop.example.com")
    key, _ = ApiKey.make("Order system", "600 per minute", admin.id)
    db.session.add_all(
        [assigned, unassigned, site, key, CategoryKeywords(category="a", keywords="b")]
    )
    db.session.commit()
    make_faq()
    return {"chat": chat, "ticket": assigned, "site": site}


def filter_groups(html: str) -> dict:
    """The filters Flask-Admin offers, as it renders them for its script: {label: [...]}."""
    found = re.search(r'id="filter-groups-data"[^>]*>([^<]*)<', html)
    return json.loads(unescape(found.group(1))) if found else {}


def column_headers(html: str) -> list[str]:
    heads = re.findall(r'<th class="column-header[^"]*">(.*?)</th>', html, re.S)
    return [re.sub(r"<[^>]+>|\s+", " ", head).strip() for head in heads]


def search_placeholder(html: str) -> str:
    found = re.search(r'name="search"[^>]*placeholder="([^"]*)"', html)
    return unescape(found.group(1)) if found else ""


@pytest.mark.parametrize("view", LIST_VIEWS)
def test_no_list_offers_a_secret_as_column_filter_or_search(client, rows, view):
    html = client.get(f"/admin/{view}/").get_data(as_text=True)
    groups = filter_groups(html)
    offered = [
        *groups,
        *(str(option) for group in groups.values() for f in group for option in f["options"] or []),
        *column_headers(html),
        search_placeholder(html),
    ]
    assert column_headers(html), "the list page changed shape: this test reads nothing"
    leaks = [text for text in offered if SECRET_WORDS.search(text)]
    assert leaks == [], f"/admin/{view}/ offers {leaks}"


def listed_summaries(client, query: str) -> set[str]:
    html = client.get(f"/admin/ticket/?{query}").get_data(as_text=True)
    return {summary for summary in ("Parcel-ALPHA", "Refund-BRAVO") if summary in html}


def test_no_ticket_filter_url_tells_a_hash_from_a_wrong_guess(client, rows, admin):
    """Every filter number the ticket list ever had (46 before the fix, the password hash's
    "contains" among them as flt0_21): the true hash and a wrong guess list the same tickets."""
    assert listed_summaries(client, "") == {"Parcel-ALPHA", "Refund-BRAVO"}
    true_hash = admin.password_hash
    wrong_hash = true_hash[:-1] + ("0" if true_hash[-1] != "0" else "1")
    for arg in range(64):
        for right, wrong in [(true_hash, wrong_hash), (true_hash[:12], "zzzzzzzzzzzz")]:
            with_right = listed_summaries(client, f"flt0_{arg}={right}")
            with_wrong = listed_summaries(client, f"flt0_{arg}={wrong}")
            assert with_right == with_wrong, f"flt0_{arg} filters on the password hash"
    assert listed_summaries(client, f"search={true_hash[:12]}") == set()


def secrets_of(admin, chat) -> list[str]:
    return [
        admin.password_hash,
        admin.password_hash.split("$")[-1],
        chat.token_hash,
        chat.public_id,
    ]


def test_no_details_form_or_export_page_shows_a_secret(client, rows, admin):
    ticket, chat, site = rows["ticket"], rows["chat"], rows["site"]
    pages = [
        f"/admin/ticket/details/?id={ticket.id}",
        f"/admin/ticket/edit/?id={ticket.id}",
        f"/admin/conversation/details/?id={chat.id}",
        f"/admin/site/details/?id={site.id}",
        f"/admin/site/edit/?id={site.id}",
        f"/admin/staff/edit/?id={admin.id}",
        *(f"/admin/{view}/export/csv/" for view in LIST_VIEWS),
        "/admin/faq/export.csv",
    ]
    for page in pages:
        response = client.get(page, follow_redirects=True)
        html = response.get_data(as_text=True)
        assert response.status_code == 200, page
        assert not any(secret in html for secret in secrets_of(admin, chat)), page
        assert not re.search(r"password.?hash|token.?hash|public.?id", html, re.I), page
