"""Hostile input at every public door: the hosted chat and its fragments, escalation and
handoff, the embed page and its loader, the JSON API and the staff login.

Properties (Hypothesis): no request ever gets a 5xx; an input over its limit gets a 4xx,
stores nothing and calls no model. tests/test_api_schema.py already walks the API's
OpenAPI document with Schemathesis; here the API gets what a schema does not describe:
raw and malformed bodies, hostile headers, 1 MB inputs.

Examples are bounded (FUZZ_EXAMPLES, default 25 per test) so the suite stays quick. Each
test builds its app once and Hypothesis reuses it across examples (hence the suppressed
function-scoped-fixture check): every property holds whatever earlier examples left.
"""

import io
import json
import os
import re
from urllib.parse import quote

import pytest
from flask import g
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2 import Undefined

from app.extensions import db
from app.forms import SUMMARY_MAX_CHARS
from app.models import ChatSession, Message, Site, StaffUser, Ticket
from tests.conftest import ADMIN_LIST_VIEWS, StaffAuth, csrf_token_in
from tests.factories import make_faq, make_staff

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # one app per test, shared by its examples
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
MAX_MESSAGE_CHARS = 2000  # the setting's default, which the test app keeps
MEGABYTE = 1024 * 1024

# No limit may turn a fuzzed request into a 429 and hide what it would have done.
pytestmark = pytest.mark.app_config(
    API_LIMIT_PER_IP="100000 per minute",
    API_LIMIT_PER_SESSION="100000 per minute",
    LOGIN_LIMIT_PER_IP="100000 per minute",
    LOGIN_LIMIT_PER_ACCOUNT="100000 per minute",
)

HOSTILE = [
    "",
    " \t ",
    "\x00",
    "nul\x00inside",
    "\x00" * 64,
    "\u202eevil.exe\u202c",
    "\u200f\u200e\u2066right-to-left\u2069\u061c",
    "مرحبا، أين طلبي؟",
    "😀🔥👨‍👩‍👧‍👦🏳️‍🌈",
    "\ufeffbom",
    "\uffff\ufffe",
    "e\u0301" * 500,  # combining marks
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "<div hx-get='/admin' hx-trigger='load'>",
    "[click](javascript:alert(1)) ![x](https://evil.example/leak.png?q=secret)",
    "{{ 7 * 7 }} {% raw %} ${7*7}",
    '{"message": "hi", "session_id": null}',
    "[]",
    "null",
    "line\r\nX-Injected: yes",
    "\r\n\r\nHTTP/1.1 200 OK\r\n",
    "%0d%0aSet-Cookie:%20x=1",
    "' OR '1'='1'; --",
    "../../../../etc/passwd",
    "4111 1111 1111 1111",
    "a" * 5000,
]


def hostile_text(max_size: int = 300) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(HOSTILE),
        st.text(max_size=max_size),
        st.lists(st.sampled_from(HOSTILE), max_size=4).map("".join),
    )


# Header values as a server hands them over (latin-1), CR/LF included, up to 64 KB.
header_value = st.one_of(
    st.sampled_from(["", "\x00", "\r\nX-Injected: yes", "null", "Bearer ", "é" * 100]),
    st.text(alphabet=st.characters(max_codepoint=255), max_size=200),
    st.integers(min_value=1_000, max_value=65_536).map(lambda n: "t" * n),
)


# Origins and Referers that are not URLs, or barely: urlsplit raises on some of them.
not_quite_urls = st.sampled_from(
    ["http://[", "http://[::1", "http://x:99999/", "http://x:abc/", "null", "http://localhost"]
)
# Stream ids as Redis writes them, and what a forger writes instead.
event_ids = st.sampled_from(["0", "1-0", "1700000000000-5", "junk", "1-", "-1", "9" * 40 + "-0"])


def hostile_headers(token: str | None = None) -> st.SearchStrategy[dict]:
    """WSGI environ entries (so even CR/LF get through): a hostile or real chat token,
    HX-Request, Origin, Referer, Last-Event-ID, Authorization, Accept-Language."""
    tokens = st.one_of(header_value, st.just(token)) if token else header_value
    return st.fixed_dictionaries(
        {},
        optional={
            "HTTP_X_CHAT_TOKEN": tokens,
            "HTTP_HX_REQUEST": st.sampled_from(["true", "false", "", "\x00"]),
            "HTTP_ORIGIN": st.one_of(not_quite_urls, header_value),
            "HTTP_REFERER": st.one_of(not_quite_urls, header_value),
            "HTTP_LAST_EVENT_ID": st.one_of(event_ids, header_value),
            "HTTP_AUTHORIZATION": header_value.map(lambda v: "Bearer " + v),
            "HTTP_ACCEPT_LANGUAGE": header_value,
            "HTTP_USER_AGENT": header_value,
        },
    )


message_ids = st.one_of(
    st.integers(min_value=0, max_value=20).map(str),
    st.integers(min_value=2**31, max_value=2**80).map(str),
    st.integers(max_value=-1).map(str),
    st.sampled_from(["-1", "0x10", "1e9", "١٢", "²", "%00", "1.5", " 1"]).map(quote),
)


def counts() -> tuple[int, int, int]:
    db.session.rollback()  # see what the requests committed
    return tuple(
        db.session.scalar(db.select(db.func.count()).select_from(model))
        for model in (ChatSession, Message, Ticket)
    )


def fetch(client, method: str, url: str, environ: dict | None = None, **kwargs):
    response = client.open(url, method=method, environ_overrides=environ or {}, **kwargs)
    body = response.get_data(as_text=True)
    assert response.status_code < 500, (method, url, response.status_code, body[:500])
    return response


def over_limit(text: str, limit: int) -> bool:
    return len(text.replace("\x00", "").strip()) > limit


@pytest.fixture
def token(customer) -> str:
    """A real chat, with one exchange, whose token examples may use."""
    customer.ask("Hello")
    return customer.token


# The hosted chat and its fragments.


@FUZZ
@given(text=hostile_text(3000), environ=hostile_headers("real"), htmx=st.booleans())
def test_sending_any_message_never_fails(client, token, model_server, text, environ, htmx):
    if environ.get("HTTP_X_CHAT_TOKEN") == "real":
        environ["HTTP_X_CHAT_TOKEN"] = token
    if htmx:
        environ["HTTP_HX_REQUEST"] = "true"
    before, calls = counts(), len(model_server.requests)
    response = fetch(client, "POST", "/chat/messages", environ, data={"message": text})
    if over_limit(text, MAX_MESSAGE_CHARS) or not text.replace("\x00", "").strip():
        assert response.status_code in (403, 422)  # 403: an Origin not this site's
        assert counts() == before and len(model_server.requests) == calls


@FUZZ
@given(
    path=st.sampled_from(
        [
            "/",
            "/chat/thread",
            "/chat/messages/{id}",
            "/chat/messages/{id}/stream",
            "/chat/handoff",
            "/chat/escalation",
            "/chat/delete",
            "/chat/updates?after={id}&state={text}",
            "/?{text}={text}",
        ]
    ),
    message_id=message_ids,
    text=hostile_text(100).map(quote),
    environ=hostile_headers("real"),
    method=st.sampled_from(["GET", "POST", "HEAD"]),
)
def test_reading_the_chat_never_fails(client, token, path, message_id, text, environ, method):
    if environ.get("HTTP_X_CHAT_TOKEN") == "real":
        environ["HTTP_X_CHAT_TOKEN"] = token
    url = path.format(id=message_id, text=text)
    fetch(client, method, url, environ, data={"chat_token": environ.get("HTTP_X_CHAT_TOKEN", "")})


@FUZZ
@given(
    summary=hostile_text(1500),
    email=hostile_text(300),
    path=st.sampled_from(["/chat/escalation", "/chat/escalation/contact", "/chat/assistant"]),
    environ=hostile_headers("real"),
)
def test_escalation_and_handoff_never_fail(client, token, path, summary, email, environ):
    if environ.get("HTTP_X_CHAT_TOKEN") == "real":
        environ["HTTP_X_CHAT_TOKEN"] = token
    tickets = counts()[2]
    response = fetch(client, "POST", path, environ, data={"summary": summary, "email": email})
    if path == "/chat/escalation" and over_limit(summary, SUMMARY_MAX_CHARS):
        assert 400 <= response.status_code < 500
        assert counts()[2] == tickets


@FUZZ
@given(confirm=hostile_text(50), environ=hostile_headers("real"))
def test_deleting_the_conversation_never_fails(client, token, confirm, environ):
    if environ.get("HTTP_X_CHAT_TOKEN") == "real":
        environ["HTTP_X_CHAT_TOKEN"] = token
    before = counts()
    fetch(client, "POST", "/chat/delete", environ, data={"confirm": confirm})
    if confirm != "yes":  # only the confirmation deletes
        assert counts() == before


# Bodies: too many fields, too large, a file where text goes, not the type they say.

CUSTOMER_BODY_BYTES, CUSTOMER_FIELDS = 64 * 1024, 32  # app/security.py's CUSTOMER_BODY
POST_DOORS = [
    "/chat/messages",
    "/chat/thread",
    "/chat/delete",
    "/chat/escalation",
    "/chat/escalation/form",
    "/chat/escalation/contact",
    "/chat/assistant",
    "/chat/handoff",
    "/chat/messages/2/retry",
    "/auth/login",
    "/auth/logout",
    "/api/chat/",
    "/api/escalate/",
]
FIELDS = ["message", "summary", "email", "confirm", "csrf_token", "password", "chat_token"]
urlencoded = st.one_of(
    st.integers(min_value=1, max_value=20_000).map(lambda n: b"a&" * n),  # many empty fields
    st.integers(min_value=1, max_value=200_000).map(lambda n: b"message=" + b"x" * n),
    st.lists(st.tuples(st.sampled_from(FIELDS), hostile_text(200)), max_size=50).map(
        lambda pairs: "&".join(f"{quote(k)}={quote(v)}" for k, v in pairs).encode()
    ),
    st.sampled_from([b"message=%zz%ff%00", b"%", b"=&=&==", b"message=" + b"%F0%9F" * 9]),
)
files = st.lists(st.sampled_from(FIELDS), min_size=1, max_size=40).map(
    lambda names: {name: (io.BytesIO(b"\x00not text"), "x.txt") for name in names}
)


def too_big(body: bytes) -> bool:
    return len(body) > CUSTOMER_BODY_BYTES or body.count(b"&") >= CUSTOMER_FIELDS


@FUZZ
@given(
    path=st.sampled_from(POST_DOORS),
    body=st.one_of(urlencoded, files),
    content_type=st.sampled_from(["application/x-www-form-urlencoded"] * 3 + ["text/plain", ""]),
    environ=hostile_headers("real"),
)
def test_any_body_at_any_door_never_fails(
    client, token, model_server, path, body, content_type, environ
):
    if environ.get("HTTP_X_CHAT_TOKEN") == "real":
        environ["HTTP_X_CHAT_TOKEN"] = token
    before, calls = counts(), len(model_server.requests)
    if isinstance(body, dict):  # a multipart form, its fields all files
        response = fetch(client, "POST", path, environ, data=body)
    else:
        response = fetch(client, "POST", path, environ, data=body, content_type=content_type)
        if too_big(body) and content_type.endswith("urlencoded"):  # a foreign Origin: 403
            assert response.status_code in (403, 413), response.status_code
    if response.status_code in (403, 413):  # refused before it was read: nothing happened
        assert counts() == before and len(model_server.requests) == calls


# The widget.


@pytest.fixture
def site_key(app) -> str:
    site = Site(name="Shop", allowed_origins="https://shop.example.com")
    db.session.add(site)
    db.session.commit()
    return site.key


@FUZZ
@given(
    key=st.one_of(st.just("real"), hostile_text(100)),
    color=st.one_of(st.sampled_from(["#fff", "#0b6e4f", "#fff\n}", "red;x:y"]), hostile_text(50)),
    greeting=hostile_text(500),
    environ=hostile_headers(),
)
def test_the_embed_page_and_loader_never_fail(client, site_key, key, color, greeting, environ):
    key = site_key if key == "real" else quote(key, safe="")
    query = f"color={quote(color)}&greeting={quote(greeting)}"
    page = fetch(client, "GET", f"/embed/{key}?{query}", environ)
    if page.status_code == 200:
        html = page.get_data(as_text=True)
        # The greeting is text: none of its markup becomes an element.
        assert "<script>alert" not in html and "<img" not in html and "<svg" not in html
    theme = fetch(client, "GET", f"/embed/theme.css?{query}", environ)
    css = theme.get_data(as_text=True)
    assert theme.status_code == 400 or re.fullmatch(
        r":root \{ --accent: #[0-9a-fA-F]{3,8}\s?; \}\n", css
    ), css
    fetch(client, "GET", "/widget.js", environ)


# The JSON API: what Schemathesis does not send.

surrogates = st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | hostile_text(100) | surrogates,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(hostile_text(10), children, max_size=4)
    ),
    max_leaves=12,
)
MALFORMED = [
    b"",
    b"\xff\xfe\x00",
    b'{"message": "\xff\xfe"}',
    b'{"message": "\\ud800"}',  # a lone surrogate: no database can store it
    b'{"message": "ok", "session_id": {"\\udfff": 1}}',
    b'{"message": 1e999}',
    b'{"message": "x", "message": ["y"]}',
    b"[" * 60_000,  # nesting deep enough to exhaust a recursive parser (under 64 KB)
    b'{"message": ' + b"[" * 60_000,
]
raw_bodies = st.one_of(
    st.binary(max_size=300),
    st.sampled_from([*MALFORMED, b'{"message": "a\\u0000b"}', b'{"message": "\\u202e"}']),
    json_values.map(lambda value: json.dumps(value).encode()),
    st.fixed_dictionaries(
        {"message": hostile_text(3000) | surrogates.map(lambda s: "hi " + s)},
        optional={"session_id": json_values, "issue_summary": hostile_text(1500)},
    ).map(lambda value: json.dumps(value).encode()),
)


@FUZZ
@given(
    path=st.sampled_from(["/api/chat/", "/api/escalate/", "/api/messages/{id}"]),
    message_id=message_ids,
    body=raw_bodies,
    content_type=st.sampled_from(
        ["application/json"] * 4 + ["text/plain", "application/x-www-form-urlencoded", ""]
    ),
    environ=hostile_headers(),
    real_session=st.booleans(),
)
def test_the_json_api_never_fails(
    client, token, path, message_id, body, content_type, environ, real_session
):
    if real_session:
        environ["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    method = "GET" if "{id}" in path else "POST"
    url = path.format(id=message_id)
    fetch(client, method, url, environ, data=body, content_type=content_type or None)


@pytest.mark.parametrize("body", MALFORMED, ids=lambda body: repr(body[:24]))
@pytest.mark.parametrize("path", ["/api/chat/", "/api/escalate/"])
def test_malformed_json_is_a_400_and_changes_nothing(client, token, model_server, path, body):
    before, calls = counts(), len(model_server.requests)
    response = fetch(client, "POST", path, data=body, content_type="application/json")
    assert response.status_code == 400, response.get_json()
    assert response.get_json()["error"]["code"] == "malformed"
    assert counts() == before and len(model_server.requests) == calls


@pytest.mark.parametrize(
    "url", ["/embed/%00", "/embed/a%00b?color=%23fff", "/embed/theme.css?color=%00", "/?q=%00"]
)
def test_a_nul_in_the_address_is_a_400(client, url):
    """PostgreSQL refuses NUL in text: a key carrying one failed in the query (a 500)."""
    assert fetch(client, "GET", url).status_code == 400


def test_a_nul_in_a_staff_search_is_a_400(client, auth):
    make_staff()
    auth.login()
    assert fetch(client, "GET", "/admin/faq/?search=a%00b").status_code == 400
    assert fetch(client, "GET", "/admin/faq/?search=ab").status_code == 200


# Staff login.


@FUZZ
@given(
    email=hostile_text(300),
    password=hostile_text(300),
    next_url=st.one_of(
        st.sampled_from(["//evil.example", "javascript:alert(1)"]), hostile_text(100)
    ),
    with_csrf=st.booleans(),
    environ=hostile_headers(),
)
def test_login_never_fails(client, email, password, next_url, with_csrf, environ):
    data = {"email": email, "password": password}
    if with_csrf:
        data["csrf_token"] = csrf_token_in(client.get("/auth/login").get_data(as_text=True))
    response = fetch(client, "POST", f"/auth/login?next={quote(next_url)}", environ, data=data)
    assert response.status_code in (400, 401, 403)  # never logged in (403: foreign Origin)
    fetch(client, "GET", f"/auth/login?next={quote(next_url)}", environ)


# The back office, signed in as an agent or an admin: every list, form and action.

STAFF_VIEWS = list(ADMIN_LIST_VIEWS)
numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", "abc", "1e9", "²", "١٢", "0x10", "1.5", "%00", "-0"]),
)
list_params = st.dictionaries(
    st.sampled_from(["page", "page_size", "sort", "desc", "search", "flt0_0", "flt1_5", "flt2_12"]),
    st.one_of(numbers, hostile_text(100)),
    max_size=4,
)
staff_posts = st.sampled_from(
    [
        "/admin/{view}/delete/",
        "/admin/{view}/action/",
        "/admin/{view}/edit/?id={id}",
        "/admin/{view}/new/",
        "/admin/ticket/reply/",
        "/admin/ticket/note/",
        "/admin/ticket/resolve/",
    ]
)


@pytest.fixture
def staff_clients(app, chatting):
    """{is_admin: (signed-in client, its CSRF token)}, once per test (a login costs a
    password hash); a ticket and an FAQ exist to work on."""
    chatting.client.post("/chat/escalation", headers=chatting.headers(), data={"summary": "Late"})
    make_faq("Do you ship abroad?", "To Canada and Mexico.")
    # Flask-Admin's form template reads `widget.input_type`, which textareas lack, to show
    # a field's error: harmless under Jinja's default Undefined, the one the app runs with.
    app.jinja_env.undefined = Undefined
    clients = {}
    for is_admin, email in ((True, "admin@example.com"), (False, "agent@example.com")):
        make_staff(email, is_admin=is_admin)
        forget_who_is_signed_in()
        auth = StaffAuth(app.test_client())
        assert auth.login(email).status_code == 302
        clients[is_admin] = (auth.client, auth.csrf_token())
    return clients


def forget_who_is_signed_in() -> None:
    # The test's app context outlives each request, and Flask-Login (the signed-in user)
    # and Flask-WTF (the CSRF token) keep theirs on its `g`: without this, every client
    # would act as the last one to log in, with its token.
    g.pop("_login_user", None)
    g.pop("csrf_token", None)


@FUZZ
@given(
    admin=st.booleans(),
    view=st.sampled_from(STAFF_VIEWS),
    params=list_params,
    record=numbers,
    post=staff_posts,
    fields=st.dictionaries(
        st.sampled_from(["id", "rowid", "action", "body", "note-body", "question", "answer"]),
        st.one_of(numbers, hostile_text(300)),
        max_size=5,
    ),
    with_csrf=st.booleans(),
)
def test_the_back_office_never_fails(
    staff_clients, admin, view, params, record, post, fields, with_csrf
):
    client, csrf_token = staff_clients[admin]
    forget_who_is_signed_in()
    query = "&".join(f"{quote(k)}={quote(v)}" for k, v in params.items())
    fetch(client, "GET", f"/admin/{view}/?{query}")
    for page in ("details", "edit"):
        fetch(client, "GET", f"/admin/{view}/{page}/?id={quote(record)}")
    if with_csrf:
        fields["csrf_token"] = csrf_token
    fetch(client, "POST", post.format(view=view, id=quote(record)), data=fields)


# Over the limit: a 4xx, nothing stored, no model call, at every door.

too_long = st.one_of(
    st.integers(min_value=MAX_MESSAGE_CHARS + 1, max_value=MAX_MESSAGE_CHARS + 2000),
    st.just(MEGABYTE),
).flatmap(lambda size: st.sampled_from(["a", "é", "😀", "<b>", " x\x00"]).map(lambda s: s * size))


@FUZZ
@given(text=too_long, htmx=st.booleans(), door=st.sampled_from(["hosted", "api", "api-new"]))
def test_an_over_limit_message_changes_nothing(client, token, model_server, text, htmx, door):
    before, calls = counts(), len(model_server.requests)
    if door == "hosted":
        headers = {"X-Chat-Token": token} | ({"HX-Request": "true"} if htmx else {})
        response = fetch(client, "POST", "/chat/messages", headers=headers, data={"message": text})
    else:
        body = {"message": text} | ({"session_id": token} if door == "api" else {})
        response = fetch(client, "POST", "/api/chat/", json=body)
    assert 400 <= response.status_code < 500, response.status_code
    assert counts() == before
    assert len(model_server.requests) == calls


@FUZZ
@given(size=st.sampled_from([SUMMARY_MAX_CHARS + 1, SUMMARY_MAX_CHARS + 500, MEGABYTE]))
def test_an_over_limit_escalation_opens_no_ticket(client, token, model_server, size):
    before, calls = counts(), len(model_server.requests)
    page = fetch(
        client,
        "POST",
        "/chat/escalation",
        headers={"X-Chat-Token": token, "HX-Request": "true"},
        data={"summary": "x" * size},
    )
    api = fetch(
        client, "POST", "/api/escalate/", json={"session_id": token, "issue_summary": "x" * size}
    )
    assert 400 <= page.status_code < 500 and 400 <= api.status_code < 500
    assert counts() == before and len(model_server.requests) == calls


def test_a_megabyte_login_is_refused_and_logs_nobody_in(client):
    make_staff()
    token = csrf_token_in(client.get("/auth/login").get_data(as_text=True))
    data = {"email": "agent@example.com", "password": "p" * MEGABYTE, "csrf_token": token}
    response = fetch(client, "POST", "/auth/login", data=data)
    assert 400 <= response.status_code < 500
    assert fetch(client, "GET", "/admin/").status_code == 302  # still anonymous
    assert db.session.scalar(db.select(db.func.count()).select_from(StaffUser)) == 1


def test_the_chat_the_examples_use_is_real(client, token):
    """The token examples send opens a chat with an answered question."""
    html = client.get("/chat/thread", headers={"X-Chat-Token": token, "HX-Request": "true"})
    assert html.get_data(as_text=True).count("bubble") == 2
