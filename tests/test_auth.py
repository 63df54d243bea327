"""Staff login, logout and the create-staff command."""

import http.client
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from urllib.parse import urlencode, urlsplit

import pytest
from werkzeug.security import check_password_hash

from app.extensions import db
from app.models import StaffUser
from app.models import staff as staff_model
from tests.conftest import TEST_REDIS_URL, csrf_token_in
from tests.factories import make_staff


def test_login_page_renders(client):
    html = client.get("/auth/login").get_data(as_text=True)
    assert "Staff login" in html and 'name="password"' in html


def test_staff_logs_in_and_lands_in_the_back_office(client, auth):
    make_staff()
    response = auth.login()
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"
    assert "Dashboard" in client.get("/admin/").get_data(as_text=True)


def test_wrong_password_is_refused(client, auth):
    make_staff()
    response = auth.login(password="wrong")
    assert response.status_code == 401
    assert "Wrong email or password" in response.get_data(as_text=True)
    assert client.get("/admin/").status_code == 302


def test_inactive_staff_cannot_log_in(auth):
    make_staff(active=False)
    assert auth.login().status_code == 401


def test_login_without_csrf_token_is_refused(client, app):
    make_staff()
    response = client.post(
        "/auth/login", data={"email": "agent@example.com", "password": "correct horse"}
    )
    assert response.status_code == 400


# `next` as it appears in the login URL's query string (so `%2F` reaches the app as `/`).
NEXT_URLS = [
    ("/admin/faq/", "/admin/faq/"),
    ("/admin/faq/?search=shipping", "/admin/faq/?search=shipping"),
    ("//evil.example", "/admin/"),
    # Browsers read three or four slashes as two: another site.
    ("////evil.example/phish", "/admin/"),
    ("///evil.example", "/admin/"),
    ("https://evil.example/admin", "/admin/"),
    # Browsers read a backslash as a slash.
    ("/\\evil.example", "/admin/"),
    ("/%5C/evil.example", "/admin/"),
    # Decoded by the query string: the app sees ///evil.example.
    ("/%2F%2Fevil.example", "/admin/"),
    # Decoded twice (by a proxy, say): //evil.example once more.
    ("/%252F%252Fevil.example", "/admin/"),
    # Browsers drop tabs and newlines from a URL: //evil.example, ///evil.example.
    ("/%09/evil.example", "/admin/"),
    ("/%09//evil.example", "/admin/"),
    ("/%0A//evil.example", "/admin/"),
    ("/%0D%0A//evil.example", "/admin/"),
    ("javascript:alert(1)", "/admin/"),
]


@pytest.mark.parametrize(("next_url", "landing"), NEXT_URLS)
def test_next_only_leads_to_a_local_page(auth, next_url, landing):
    make_staff()
    assert auth.login(next_url=next_url).headers["Location"] == landing


@pytest.mark.parametrize(("next_url", "landing"), NEXT_URLS)
def test_next_only_leads_to_a_local_page_when_already_logged_in(client, auth, next_url, landing):
    make_staff()
    auth.login()
    response = client.get(f"/auth/login?next={next_url}")
    assert response.status_code == 302
    assert response.headers["Location"] == landing


def test_logout_ends_the_session(client, auth):
    make_staff()
    auth.login()
    response = client.post("/auth/logout", data={"csrf_token": auth.csrf_token()})
    assert response.headers["Location"] == "/auth/login"
    assert client.get("/admin/").status_code == 302


def test_logout_needs_a_csrf_token(client, auth):
    make_staff()
    auth.login()
    assert client.post("/auth/logout").status_code == 400
    assert client.get("/admin/").status_code == 200


def test_create_staff_prompts_for_the_password(runner, app):
    result = runner.invoke(
        args=["create-staff", "Boss@Example.com"], input="s3cret-pass\ns3cret-pass\n"
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(StaffUser))
    assert user.email == "boss@example.com"
    assert user.check_password("s3cret-pass") and user.password_hash != "s3cret-pass"
    assert user.is_admin


def test_create_staff_takes_password_option_and_resets_existing(runner, app):
    runner.invoke(args=["create-staff", "a@example.com", "--password", "first-pass"])
    result = runner.invoke(
        args=["create-staff", "a@example.com", "--password", "second-pass", "--agent"]
    )
    assert "updated" in result.output
    user = db.session.scalar(db.select(StaffUser))
    assert user.check_password("second-pass") and not user.is_admin


def test_create_staff_refuses_short_password(runner, app):
    result = runner.invoke(args=["create-staff", "a@example.com", "--password", "short"])
    assert result.exit_code != 0
    assert db.session.scalar(db.select(StaffUser)) is None


@pytest.mark.app_config(LOGIN_LIMIT_PER_ACCOUNT="3 per minute")
def test_repeated_failures_on_one_account_are_slowed_down(client, auth):
    make_staff()
    for _ in range(3):
        assert auth.login(password="wrong").status_code == 401
    blocked = auth.login()  # even the right password waits now
    assert blocked.status_code == 429
    assert "Too many log-in attempts" in blocked.get_data(as_text=True)
    # Another account from the same address is not locked out by this one.
    make_staff("other@example.com")
    assert auth.login("other@example.com").status_code == 302


@pytest.mark.app_config(LOGIN_LIMIT_PER_IP="3 per minute")
def test_one_address_trying_many_accounts_is_slowed_down(client, auth):
    for n in range(3):
        assert auth.login(f"guess{n}@example.com", "wrong").status_code == 401
    assert auth.login("guess9@example.com", "wrong").status_code == 429


def login_at_once(base_url: str, password: str, attempts: int) -> list[int]:
    """Statuses of `attempts` log-ins to one account sent all at once, from one browser
    (one session cookie and CSRF token), to a real threaded server."""
    address = urlsplit(base_url)
    with closing(http.client.HTTPConnection(address.netloc, timeout=30)) as connection:
        connection.request("GET", "/auth/login")
        page = connection.getresponse()
        cookie = page.getheader("Set-Cookie").split(";")[0]
        token = csrf_token_in(page.read().decode())
    body = urlencode({"email": "agent@example.com", "password": password, "csrf_token": token})
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    start = threading.Barrier(attempts)

    def attempt(_) -> int:
        with closing(http.client.HTTPConnection(address.netloc, timeout=30)) as connection:
            start.wait()
            connection.request("POST", "/auth/login", body=body, headers=headers)
            return connection.getresponse().status

    with ThreadPoolExecutor(attempts) as pool:
        return list(pool.map(attempt, range(attempts)))


# Where Flask-Limiter counts: this process's memory, or Redis (as in production).
LIMIT_STORAGES = pytest.mark.parametrize(
    "storage",
    [
        pytest.param("memory", marks=pytest.mark.app_config(RATELIMIT_STORAGE_URI="memory://")),
        pytest.param("redis", marks=pytest.mark.app_config(RATELIMIT_STORAGE_URI=TEST_REDIS_URL)),
    ],
    indirect=True,
)


@pytest.fixture
def storage(request):
    if request.param == "redis":
        request.getfixturevalue("redis_url")  # an empty Redis database, before any request
    return request.param


@LIMIT_STORAGES
@pytest.mark.app_config(LOGIN_LIMIT_PER_ACCOUNT="5 per minute", LOGIN_LIMIT_PER_IP="100 per minute")
def test_parallel_guesses_on_one_account_are_counted_before_the_check(live_server, storage):
    make_staff()
    statuses = login_at_once(live_server, "wrong", attempts=10)
    assert sorted(statuses) == [401] * 5 + [429] * 5
    # The limit holds even for the right password.
    assert login_at_once(live_server, "correct horse", attempts=1) == [429]


@LIMIT_STORAGES
@pytest.mark.app_config(LOGIN_LIMIT_PER_ACCOUNT="3 per minute")
def test_a_successful_login_clears_its_accounts_count(client, auth, storage):
    make_staff()
    # Three rounds of two typos and a success: nine attempts, never three failures in a row.
    for _ in range(3):
        assert [auth.login(password="typo").status_code for _ in range(2)] == [401, 401]
        assert auth.login().status_code == 302
        client.post("/auth/logout", data={"csrf_token": auth.csrf_token()})


def test_unknown_disabled_and_known_emails_check_a_password_hash_alike(auth, monkeypatch):
    """No timing: each attempt must check one hash of the same method and cost, whether
    the account exists or not (a spy on the real check_password_hash records them)."""
    method = make_staff().password_hash.split("$")[0]  # e.g. scrypt:32768:8:1
    make_staff("disabled@example.com", active=False)
    checked = []

    def spy(pwhash: str, password: str) -> bool:
        checked.append(pwhash.split("$")[0])
        return check_password_hash(pwhash, password)

    monkeypatch.setattr(staff_model, "check_password_hash", spy)
    for email in ("agent@example.com", "nobody@example.com", "disabled@example.com"):
        checked.clear()
        assert auth.login(email, "wrong").status_code == 401
        assert checked == [method], email
    # The disabled account is refused even with its right password, after the same work.
    checked.clear()
    assert auth.login("disabled@example.com").status_code == 401
    assert checked == [method]
