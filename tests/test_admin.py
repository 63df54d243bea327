"""The back office: closed to anyone not signed in, CSRF on every form, FAQs editable:
categories picked from a list and renamed in one place, FAQs shown to the assistant or
hidden from it."""

import json
import re

import jinja2
import pytest
from flask_admin.contrib.sqla import ModelView

from app.extensions import db
from app.models import CategoryKeywords, Faq
from tests.conftest import ADMIN_LIST_VIEWS, TEST_QUEUE, TEST_REDIS_URL
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


@pytest.fixture
def knowledge_jobs(app, queue):
    """The knowledge jobs (FAQ vectors, then the knowledge check) the pages queue, read
    from a real RQ queue that no worker empties: one per change to the FAQs."""
    app.config.update(REDIS_URL=TEST_REDIS_URL, RQ_QUEUE=TEST_QUEUE)
    return lambda: [job.func_name for job in queue.jobs]


JOB = "app.jobs.knowledge.refresh_knowledge"


def test_faq_list_shows_question_category_and_whether_the_assistant_uses_it(client, staff):
    make_faq("How do I return an item?", "Within 30 days.", category="returns")
    make_faq("Do you sell gift cards?", "Not any more.", is_active=False)
    html = client.get("/admin/faq/").get_data(as_text=True)
    assert "How do I return an item?" in html
    assert "returns" in html
    assert "Assistant</a>" in html  # the column's (sortable) header
    assert '<span class="badge badge-success">Shown</span>' in html
    assert '<span class="badge badge-secondary">Hidden</span>' in html
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


def make_categories() -> None:
    """Two categories on FAQs (one twice) and one that only keywords have so far."""
    make_faq("How long does shipping take?", "3-5 days.", category="shipping")
    make_faq("Do you ship abroad?", "To 20 countries.", category="shipping")
    make_faq("How do I return an item?", "Within 30 days.", category="Returns")
    db.session.add(CategoryKeywords(category="gift cards", keywords="voucher"))
    db.session.commit()


def options(html: str, select: str) -> list[tuple[str, str]]:
    """(value, text) of each option of the named <select>, in order."""
    block = re.search(rf'<select[^>]*name="{select}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option[^>]*value="([^"]*)"[^>]*>([^<]*)</option>', block)


def selected(html: str, select: str) -> str:
    block = re.search(rf'<select[^>]*name="{select}"[^>]*>(.*?)</select>', html, re.S).group(1)
    (tag,) = [tag for tag in re.findall(r"<option[^>]*>", block) if " selected" in tag]
    return re.search(r'value="([^"]*)"', tag).group(1)


def test_the_faq_form_offers_the_categories_in_use_and_new_category(client, staff):
    make_categories()
    html = client.get("/admin/faq/new/").get_data(as_text=True)
    assert options(html, "category") == [
        ("", "No category"),
        ("gift cards", "gift cards"),
        ("Returns", "Returns"),
        ("shipping", "shipping"),
        ("__new__", "New category…"),
    ]
    assert '<label for="category-new">New category name</label>' in html
    assert 'name="category-new"' in html


def create_faq(client, staff, **fields):
    form = {"question": "Do you price match?", "answer": "No, sorry.", "is_active": "y"}
    token = staff.csrf_token("/admin/faq/new/")
    return client.post("/admin/faq/new/", data={**form, **fields, "csrf_token": token})


def only_faq(question: str = "Do you price match?") -> Faq:
    db.session.expire_all()
    return db.session.scalar(db.select(Faq).filter_by(question=question))


def test_staff_create_an_faq_in_a_category_from_the_list(client, staff, knowledge_jobs):
    make_categories()
    response = create_faq(client, staff, category="Returns", **{"category-new": ""})
    assert response.status_code == 302
    assert only_faq().category == "Returns"
    assert knowledge_jobs() == [JOB]  # its vector, as after any saved FAQ


@pytest.mark.parametrize(
    ("picked", "typed", "stored"),
    [
        ("__new__", "Gift vouchers", "Gift vouchers"),
        ("", "  Price match  ", "Price match"),  # without JavaScript: the name wins
        ("shipping", "Price match", "Price match"),
        ("__new__", "SHIPPING", "shipping"),  # one category, not two that look alike
    ],
)
def test_staff_create_an_faq_in_a_new_category(
    client, staff, knowledge_jobs, picked, typed, stored
):
    make_categories()
    response = create_faq(client, staff, category=picked, **{"category-new": typed})
    assert response.status_code == 302
    assert only_faq().category == stored
    listed = options(client.get("/admin/faq/new/").get_data(as_text=True), "category")
    assert (stored, stored) in listed


def test_new_category_without_a_name_asks_for_one(client, staff, knowledge_jobs):
    make_categories()
    response = create_faq(client, staff, category="__new__", **{"category-new": " "})
    assert response.status_code == 200
    assert "Type the new category&#39;s name, or choose one from the list." in response.text
    assert only_faq() is None and knowledge_jobs() == []


def test_no_category_is_still_a_choice(client, staff, knowledge_jobs):
    make_categories()
    assert create_faq(client, staff, category="").status_code == 302
    assert only_faq().category is None


def test_a_long_new_category_is_refused(client, staff, knowledge_jobs):
    response = create_faq(client, staff, category="__new__", **{"category-new": "c" * 65})
    assert response.status_code == 200
    assert "Field cannot be longer than 64 characters." in response.text
    assert only_faq() is None


def test_editing_an_faq_shows_its_category_chosen_and_keeps_it(client, staff, knowledge_jobs):
    make_categories()
    faq = db.session.scalar(db.select(Faq).filter_by(category="Returns"))
    url = f"/admin/faq/edit/?id={faq.id}"
    assert selected(client.get(url).get_data(as_text=True), "category") == "Returns"
    form = {"question": "How do I send an item back?", "answer": "Within 30 days."}
    response = client.post(url, data={**form, "csrf_token": staff.csrf_token(url)})
    assert response.status_code == 302
    assert only_faq("How do I send an item back?").category == "Returns"


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


def test_the_hide_button_hides_one_faq_and_show_brings_it_back(client, staff, knowledge_jobs):
    faq = make_faq()
    other = make_faq("Do you ship abroad?", "Yes.")
    html = client.get("/admin/faq/").get_data(as_text=True)
    assert 'action="/admin/faq/shown/"' in html and ">Hide</button>" in html
    assert 'data-role="x-editable' not in html  # no pop-up to find

    token = staff.csrf_token("/admin/faq/")
    hidden = client.post(
        "/admin/faq/shown/",
        data={"id": faq.id, "shown": "0", "url": "/admin/faq/?page=0", "csrf_token": token},
    )
    assert hidden.status_code == 302 and hidden.headers["Location"] == "/admin/faq/?page=0"
    db.session.expire_all()
    assert (faq.is_active, other.is_active) == (False, True)
    listing = client.get("/admin/faq/").get_data(as_text=True)
    assert "1 FAQ hidden from the assistant." in listing
    assert ">Show</button>" in listing

    data = {"id": faq.id, "shown": "1", "csrf_token": token}
    client.post("/admin/faq/shown/", data=data)
    db.session.expire_all()
    assert faq.is_active
    assert knowledge_jobs() == [JOB, JOB]  # after each change, as after any FAQ change


@pytest.mark.parametrize("bad", ["", "abc", "999", "99999999999999999999"])
def test_the_hide_button_for_no_such_faq_is_not_found(client, staff, bad):
    data = {"id": bad, "shown": "0", "csrf_token": staff.csrf_token("/admin/faq/")}
    assert client.post("/admin/faq/shown/", data=data).status_code == 404


def test_the_hide_button_needs_the_csrf_token(client, staff):
    faq = make_faq()
    assert client.post("/admin/faq/shown/", data={"id": faq.id}).status_code == 400
    db.session.expire_all()
    assert faq.is_active


def test_bulk_actions_hide_and_show_faqs(client, staff, knowledge_jobs):
    faqs = [make_faq(f"Question {n}?", "Answer.") for n in range(3)]
    html = client.get("/admin/faq/").get_data(as_text=True)
    assert 'data-model-action="hide">Hide from the assistant<' in html
    assert 'data-model-action="show">Show to the assistant<' in html

    def act(action: str, rows) -> str:
        data = {
            "action": action,
            "rowid": [str(faq.id) for faq in rows],
            "csrf_token": staff.csrf_token("/admin/faq/"),
        }
        response = client.post("/admin/faq/action/", data=data, follow_redirects=True)
        return response.get_data(as_text=True)

    assert "2 FAQs hidden from the assistant." in act("hide", faqs[:2])
    db.session.expire_all()
    assert [faq.is_active for faq in faqs] == [False, False, True]
    assert "2 FAQs shown to the assistant." in act("show", faqs)  # not the one already shown
    db.session.expire_all()
    assert all(faq.is_active for faq in faqs)
    assert knowledge_jobs() == [JOB, JOB]
    assert "0 FAQs shown to the assistant." in act("show", faqs)
    assert knowledge_jobs() == [JOB, JOB]  # nothing changed, nothing to embed


def test_the_form_says_shown_to_the_assistant(client, staff):
    html = client.get("/admin/faq/new/").get_data(as_text=True)
    assert "Shown to the assistant" in html
    assert "Untick to hide this FAQ from the assistant. Nothing is deleted." in html


def filter_groups(html: str) -> dict:
    """The list's filters as the page gives them to its script: name -> [{arg, options}]."""
    return json.loads(re.search(r'id="filter-groups-data"[^>]*>([^<]*)<', html).group(1))


def test_the_filters_offer_the_categories_in_use_and_shown_or_hidden(client, staff):
    make_faq("Visible question?", "A.", category="shipping")
    make_faq("Retired question?", "B.", category="returns", is_active=False)
    html = client.get("/admin/faq/").get_data(as_text=True)
    (category,) = filter_groups(html)["Category"]
    assert category["operation"] == "equals"
    assert category["options"] == [["returns", "returns"], ["shipping", "shipping"]]
    (assistant,) = filter_groups(html)["Assistant"]
    assert assistant["options"] == [["1", "Shown"], ["0", "Hidden"]]

    hidden = client.get(f"/admin/faq/?flt0_{assistant['arg']}=0").get_data(as_text=True)
    assert "Retired question?" in hidden and "Visible question?" not in hidden
    shipping = client.get(f"/admin/faq/?flt0_{category['arg']}=shipping").get_data(as_text=True)
    assert "Visible question?" in shipping and "Retired question?" not in shipping

    # Read for every page, not once at start-up: a category added since is offered.
    make_faq("Gift cards?", "Yes.", category="gift cards")
    (category,) = filter_groups(client.get("/admin/faq/").get_data(as_text=True))["Category"]
    assert ["gift cards", "gift cards"] in category["options"]


def rename(client, staff, old: str, new: str):
    data = {"old": old, "new": new, "csrf_token": staff.csrf_token("/admin/faq/categories/")}
    return client.post("/admin/faq/categories/", data=data, follow_redirects=True)


def categories_of_faqs() -> list[str | None]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(Faq.category).order_by(Faq.id)))


def keyword_rows() -> dict[str, str]:
    db.session.expire_all()
    return {row.category: row.keywords for row in db.session.scalars(db.select(CategoryKeywords))}


def test_the_faq_list_links_to_rename_a_category(client, staff):
    make_categories()
    assert 'href="/admin/faq/categories/"' in client.get("/admin/faq/").get_data(as_text=True)
    html = client.get("/admin/faq/categories/?category=shipping").get_data(as_text=True)
    assert [value for value, _ in options(html, "old")] == ["gift cards", "Returns", "shipping"]
    assert selected(html, "old") == "shipping"
    assert re.search(r"<td>shipping</td>\s*<td>2</td>", html)  # its FAQs, counted


def test_renaming_a_category_moves_its_faqs_and_keywords_at_once(client, staff):
    make_categories()
    db.session.add(CategoryKeywords(category="shipping", keywords="parcel, delivery"))
    db.session.commit()

    html = rename(client, staff, "shipping", "  Delivery ").get_data(as_text=True)

    assert "Renamed “shipping” to “Delivery”: 2 FAQs moved, and its keywords." in html
    assert categories_of_faqs() == ["Delivery", "Delivery", "Returns"]
    assert keyword_rows() == {"gift cards": "voucher", "Delivery": "parcel, delivery"}
    new_form = client.get("/admin/faq/new/").get_data(as_text=True)
    assert "shipping" not in [value for value, _ in options(new_form, "category")]


def test_renaming_onto_a_category_in_use_merges_them(client, staff):
    make_categories()
    db.session.add(CategoryKeywords(category="Returns", keywords="refund, voucher"))
    db.session.commit()

    html = rename(client, staff, "Returns", "GIFT CARDS").get_data(as_text=True)

    assert "Renamed “Returns” to “gift cards”: 1 FAQ moved, and its keywords." in html
    assert categories_of_faqs() == ["shipping", "shipping", "gift cards"]
    assert keyword_rows() == {"gift cards": "voucher, refund"}


def test_a_rename_to_the_same_name_changes_nothing(client, staff):
    make_categories()
    html = rename(client, staff, "shipping", "shipping").get_data(as_text=True)
    assert "“shipping” has that name already: nothing changed." in html
    assert categories_of_faqs() == ["shipping", "shipping", "Returns"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("shipping", "", "Type the new name."),
        ("shipping", "c" * 65, "Field cannot be longer than 64 characters."),
        ("no such category", "Delivery", "Not a valid choice."),
    ],
)
def test_a_rename_that_cannot_be_done_says_why(client, staff, old, new, message):
    make_categories()
    html = rename(client, staff, old, new).get_data(as_text=True)
    assert message in html
    assert categories_of_faqs() == ["shipping", "shipping", "Returns"]


def test_renaming_needs_the_csrf_token(client, staff):
    make_categories()
    response = client.post("/admin/faq/categories/", data={"old": "shipping", "new": "x"})
    assert response.status_code == 400
    assert categories_of_faqs() == ["shipping", "shipping", "Returns"]


def test_admin_shows_who_is_logged_in_with_a_logout_button(client, staff):
    html = client.get("/admin/").get_data(as_text=True)
    assert "agent@example.com" in html
    assert 'action="/auth/logout"' in html


def test_the_tests_know_every_back_office_list(app):
    """The hostile-input, secrets and fuzz tests visit ADMIN_LIST_VIEWS: a new view must
    be added there to be covered."""
    registered = {
        view.endpoint for view in app.extensions["admin"][0]._views if isinstance(view, ModelView)
    }
    assert registered == set(ADMIN_LIST_VIEWS)
