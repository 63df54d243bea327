"""Who may do what in the back office (issue 16, item 12).

Agents answer tickets and look after the FAQs (write, edit, hide, export); they delete
nothing. Admins also delete, import FAQ files, and manage staff accounts and sites.
"""

import io

import pytest

from app.extensions import db
from app.models import CategoryKeywords, ChatSession, Faq, Site, Ticket
from tests.factories import make_chat, make_faq

# Views whose rows an admin may delete; tickets, questions and staff are never deleted.
DELETABLE = {
    "faq": Faq,
    "conversation": ChatSession,
    "categorykeywords": CategoryKeywords,
    "site": Site,
}
NEVER_DELETED = ("ticket", "unanswered", "staff")


def make_row(view: str) -> int:
    """A row of the view's model; returns its id."""
    if view == "faq":
        return make_faq().id
    if view == "conversation":
        chat, _ = make_chat()
        db.session.add(Ticket(session=chat, summary="Delete me", status="resolved"))
        db.session.commit()
        return chat.id
    if view == "site":
        row = Site(name="Shop", allowed_origins="https://shop.example.com")
    else:
        row = CategoryKeywords(category="refunds", keywords="chargeback")
    db.session.add(row)
    db.session.commit()
    return row.id


def still_there(view: str, row_id: int) -> bool:
    db.session.expire_all()
    return db.session.get(DELETABLE[view], row_id) is not None


def delete_one(client, staff, view: str, row_id: int):
    token = staff.csrf_token("/admin/")
    return client.post(f"/admin/{view}/delete/", data={"id": str(row_id), "csrf_token": token})


def delete_in_bulk(client, staff, view: str, row_id: int):
    data = {"action": "delete", "rowid": [str(row_id)], "csrf_token": staff.csrf_token("/admin/")}
    return client.post(f"/admin/{view}/action/", data=data)


@pytest.mark.parametrize("view", ["faq", "conversation", "categorykeywords"])
@pytest.mark.parametrize("how", [delete_one, delete_in_bulk])
def test_an_agent_deletes_nothing(client, agent, view, how):
    row_id = make_row(view)
    response = how(client, agent, view, row_id)
    assert response.status_code == 403
    assert still_there(view, row_id)


@pytest.mark.parametrize("view", sorted(DELETABLE))
@pytest.mark.parametrize("how", [delete_one, delete_in_bulk])
def test_an_admin_deletes(client, admin, view, how):
    row_id = make_row(view)
    response = how(client, admin, view, row_id)
    assert response.status_code == 302
    assert not still_there(view, row_id)


@pytest.mark.parametrize("view", NEVER_DELETED)
@pytest.mark.parametrize("how", [delete_one, delete_in_bulk])
def test_nobody_deletes_tickets_questions_or_staff(client, admin, view, how):
    response = how(client, admin, view, 1)
    assert response.status_code == 403


@pytest.mark.parametrize("view", ["faq", "conversation", "categorykeywords"])
def test_an_agent_is_shown_no_delete_button_or_action(client, agent, view):
    make_row(view)
    html = client.get(f"/admin/{view}/").get_data(as_text=True)
    assert f'action="/admin/{view}/delete/"' not in html
    assert 'data-model-action="delete"' not in html


@pytest.mark.parametrize("view", ["faq", "conversation", "categorykeywords"])
def test_an_admin_is_shown_the_delete_button_and_action(client, admin, view):
    make_row(view)
    html = client.get(f"/admin/{view}/").get_data(as_text=True)
    assert f'action="/admin/{view}/delete/"' in html
    assert 'data-model-action="delete"' in html


def upload(client, staff, data: bytes):
    return client.post(
        "/admin/faq/import/",
        data={
            "csrf_token": staff.csrf_token("/admin/"),
            "file": (io.BytesIO(data), "faqs.csv"),
        },
        content_type="multipart/form-data",
    )


def test_an_agent_edits_and_exports_faqs_but_cannot_import(client, agent):
    faq = make_faq("Old question?", "Old answer.")
    token = agent.csrf_token("/admin/")
    form = {"question": "New question?", "answer": "New.", "is_active": "", "csrf_token": token}
    assert client.post(f"/admin/faq/edit/?id={faq.id}", data=form).status_code == 302
    assert "New question?" in client.get("/admin/faq/export.csv").get_data(as_text=True)

    listing = client.get("/admin/faq/").get_data(as_text=True)
    assert 'href="/admin/faq/import/"' not in listing
    assert client.get("/admin/faq/import/").status_code == 403
    response = upload(client, agent, b"id,category,question,answer\n1,x,Overwritten?,Yes.\n")
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(Faq, faq.id).question == "New question?"


def test_an_admin_imports_faqs(client, admin):
    response = upload(client, admin, b"id,category,question,answer\n1,x,Imported?,Yes.\n")
    assert response.status_code == 302
    assert db.session.get(Faq, 1).question == "Imported?"


def test_help_tells_staff_who_may_delete_and_import(client, agent):
    html = client.get("/admin/help/").get_data(as_text=True)
    assert "Who can do what" in html
    assert "Only admins" in html and "delete" in html and "import" in html
