"""Staff run the knowledge base from the back office: CSV in and out, category keywords,
and the list of questions no FAQ answered."""

import io

import pytest

from app.extensions import db
from app.models import CategoryKeywords, Faq, Role
from tests.conftest import DATA
from tests.factories import make_chat, make_faq, make_message, make_staff
from tests.test_admin import options, selected

NORTHWIND = DATA / "northwind-bank" / "faqs.csv"


@pytest.fixture
def staff(auth):
    make_staff()
    auth.login()
    return auth


def upload(client, staff, data: bytes, filename: str = "faqs.csv"):
    return client.post(
        "/admin/faq/import/",
        data={
            "csrf_token": staff.csrf_token("/admin/faq/import/"),
            "file": (io.BytesIO(data), filename),
        },
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def all_faqs() -> list[tuple]:
    db.session.expire_all()
    faqs = db.session.scalars(db.select(Faq).order_by(Faq.id))
    return [(f.id, f.category, f.question, f.answer) for f in faqs]


def test_the_faq_list_links_to_import_and_export(client, admin):
    html = client.get("/admin/faq/").get_data(as_text=True)
    assert 'href="/admin/faq/import/"' in html and 'href="/admin/faq/export.csv"' in html


# The round trip, not the vectors (tests/test_faq_vectors.py): embedding 77 FAQs takes ~10 s.
@pytest.mark.app_config(SEMANTIC_RANKER="off")
def test_staff_import_the_northwind_file_and_export_it_back(client, admin):
    response = upload(client, admin, NORTHWIND.read_bytes())
    assert "Imported 77 FAQs: 77 new, 0 updated." in response.get_data(as_text=True)
    imported = all_faqs()
    assert len(imported) == 77
    assert imported[0][:2] == (1, "cards")

    exported = client.get("/admin/faq/export.csv")
    assert exported.headers["Content-Disposition"] == "attachment; filename=faqs.csv"
    assert exported.get_data(as_text=True).splitlines()[0] == "id,category,question,answer"
    # The exported file imports again as the same knowledge base: nothing new, all updated.
    again = upload(client, admin, exported.get_data())
    assert "Imported 77 FAQs: 0 new, 77 updated." in again.get_data(as_text=True)
    assert all_faqs() == imported


def test_a_bad_row_names_its_line_and_imports_nothing(client, admin):
    make_faq("Existing question?", "Existing answer.")
    before = all_faqs()
    data = b"id,category,question,answer\n50,returns,Q1?,A1.\n51,returns,,A2.\n"
    response = upload(client, admin, data)
    html = response.get_data(as_text=True)
    assert "line 3: question and answer must not be empty. Nothing was imported." in html
    assert all_faqs() == before


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("faqs.txt", b"id,category,question,answer\n", "Choose a .csv file."),
        ("faqs.csv", b"question,answer\nQ?,A.\n", "line 1: the header needs id, category"),
        ("faqs.csv", b"id,category,question,answer\n1,x,Caf\xe9?,A.\n", "not UTF-8 text"),
    ],
)
def test_wrong_files_are_refused_with_a_clear_message(client, admin, filename, data, message):
    html = upload(client, admin, data, filename).get_data(as_text=True)
    assert message in html
    assert all_faqs() == []


@pytest.mark.app_config(SEMANTIC_RANKER="off")
def test_rows_without_an_id_are_new_faqs_numbered_by_the_database(client, admin):
    make_faq("Existing question?", "Existing answer.", category="old")  # id 1
    data = (
        b"id,category,question,answer\n"
        b",gift cards,Do you sell gift cards?,From $25.\n"
        b"1,returns,Existing question?,A better answer.\n"
        b"5,shipping,Named id?,Kept as 5.\n"
        b"  ,,No category?,Fine.\n"
    )
    html = upload(client, admin, data).get_data(as_text=True)
    assert "Imported 4 FAQs: 3 new, 1 updated." in html
    # The new rows come after every id the file named, in the file's order.
    assert all_faqs() == [
        (1, "returns", "Existing question?", "A better answer."),
        (5, "shipping", "Named id?", "Kept as 5."),
        (6, "gift cards", "Do you sell gift cards?", "From $25."),
        (7, None, "No category?", "Fine."),
    ]


def test_a_bad_row_among_rows_without_ids_imports_nothing(client, admin):
    data = b"id,category,question,answer\n,a,Q1?,A1.\n,b,Q2?,\n"
    html = upload(client, admin, data).get_data(as_text=True)
    assert "line 3: question and answer must not be empty. Nothing was imported." in html
    assert all_faqs() == []


def test_the_import_page_explains_the_file(client, admin):
    html = client.get("/admin/faq/import/").get_data(as_text=True)
    assert "Leave <code>id</code> empty for a new FAQ" in html
    assert "nothing is imported, and the message names the row's line" in html
    assert 'href="/admin/faq/export.csv"' in html and "import it back" in html


def test_help_says_how_import_works(client, admin):
    text = " ".join(client.get("/admin/help/").get_data(as_text=True).split())
    for words in (
        "<code>id</code>, <code>category</code>, <code>question</code> and <code>answer</code>",
        "add new FAQs as new rows with the <code>id</code> left empty",
        "nothing at all is imported, and the message names the line to fix",
        "<em>Export CSV</em> on the FAQ list gives you every FAQ as a file",
        "edit and import back",
    ):
        assert words in text


def test_import_without_csrf_token_is_refused(client, staff):
    response = client.post(
        "/admin/faq/import/",
        data={"file": (io.BytesIO(b"id,category,question,answer\n1,a,Q?,A.\n"), "faqs.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert all_faqs() == []


def test_staff_add_keywords_to_a_category(client, staff):
    response = client.post(
        "/admin/categorykeywords/new/",
        data={
            "category": " refunds ",
            "keywords": "Chargeback,  money back\ndispute ,",
            "csrf_token": staff.csrf_token("/admin/categorykeywords/new/"),
        },
    )
    assert response.status_code == 302
    row = db.session.scalar(db.select(CategoryKeywords))
    assert row.category == "refunds"
    assert row.keywords == "chargeback, money back, dispute"
    assert row.words == ["chargeback", "money back", "dispute"]


def test_the_keywords_form_picks_the_category_from_those_in_use(client, staff):
    make_faq("How do I get a refund?", "Within 14 days.", category="refunds")
    make_faq("Where is my parcel?", "Track it online.", category="shipping")
    html = client.get("/admin/categorykeywords/new/").get_data(as_text=True)
    assert options(html, "category") == [
        ("", "Choose a category"),
        ("refunds", "refunds"),
        ("shipping", "shipping"),
        ("__new__", "New category…"),
    ]

    response = save_keywords(client, staff, category="refunds")
    assert response.status_code == 302
    assert keyword_rows() == {"refunds": "chargeback, money back"}
    assert selected(client.get("/admin/categorykeywords/edit/?id=1").text, "category") == "refunds"


def test_keywords_for_a_new_category(client, staff):
    response = save_keywords(client, staff, category="__new__", **{"category-new": " Warranty "})
    assert response.status_code == 302
    assert keyword_rows() == {"Warranty": "chargeback, money back"}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"category": ""}, "This field is required."),
        ({"category": "__new__"}, "Type the new category&#39;s name"),
        ({"category": "refunds"}, "This category has keywords already: edit those instead."),
        ({"category": "__new__", "category-new": "REFUNDS"}, "has keywords already"),
    ],
)
def test_keywords_need_a_category_without_keywords(client, staff, fields, message):
    db.session.add(CategoryKeywords(category="refunds", keywords="refund"))
    db.session.commit()
    response = save_keywords(client, staff, **fields)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert keyword_rows() == {"refunds": "refund"}


def save_keywords(client, staff, **fields):
    url = "/admin/categorykeywords/new/"
    data = {"keywords": "chargeback, money back", "csrf_token": staff.csrf_token(url), **fields}
    return client.post(url, data=data)


def keyword_rows() -> dict[str, str]:
    db.session.expire_all()
    return {row.category: row.keywords for row in db.session.scalars(db.select(CategoryKeywords))}


def test_unanswered_questions_are_listed_and_can_be_marked_handled(client, staff):
    chat, _ = make_chat()
    gap = make_message(chat, Role.USER, "Do you ship to Iceland?")
    gap.unanswered = True
    make_message(chat, Role.ASSISTANT, "I don't have that information.")
    make_message(chat, Role.USER, "How do I return an item?")
    db.session.commit()

    html = client.get("/admin/unanswered/").get_data(as_text=True)
    assert "Do you ship to Iceland?" in html
    assert "How do I return an item?" not in html
    assert "I don&#39;t have that information." not in html

    response = client.post(
        "/admin/unanswered/action/",
        data={
            "action": "handled",
            "rowid": [str(gap.id)],
            "csrf_token": staff.csrf_token("/admin/unanswered/"),
        },
        follow_redirects=True,
    )
    assert "1 questions marked handled." in response.get_data(as_text=True)
    assert "Do you ship to Iceland?" not in client.get("/admin/unanswered/").get_data(as_text=True)
