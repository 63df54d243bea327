"""Staff login, logout and the create-staff command."""

import pytest

from app.extensions import db
from app.models import StaffUser
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


@pytest.mark.parametrize(
    ("next_url", "landing"),
    [
        ("/admin/faq/", "/admin/faq/"),
        ("//evil.example", "/admin/"),
        ("https://evil.example/admin", "/admin/"),
        ("/\\evil.example", "/admin/"),
        ("javascript:alert(1)", "/admin/"),
    ],
)
def test_next_only_leads_to_a_local_page(auth, next_url, landing):
    make_staff()
    assert auth.login(next_url=next_url).headers["Location"] == landing


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
