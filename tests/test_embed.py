"""The chat on other sites: who may frame it, the loader, and refused foreign requests."""

import pytest

from app.extensions import db
from app.models import Site
from tests.test_headers import policy

SHOP = "https://shop.example.com"


@pytest.fixture
def site(app):
    site = Site(name="Shop", allowed_origins=f"{SHOP}\nhttp://127.0.0.1:8001")
    db.session.add(site)
    db.session.commit()
    return site


def test_the_embed_page_may_be_framed_only_by_the_sites_origins(client, site):
    response = client.get(f"/embed/{site.key}")
    assert response.status_code == 200
    assert policy(response)["frame-ancestors"] == f"{SHOP} http://127.0.0.1:8001"
    assert "X-Frame-Options" not in response.headers
    html = response.get_data(as_text=True)
    assert 'id="composer"' in html and 'id="thread"' in html and 'id="handoff"' in html
    assert response.headers.get("Set-Cookie") is None


@pytest.mark.parametrize("path", ["/", "/auth/login", "/api/openapi.json", "/healthz"])
def test_every_other_page_refuses_to_be_framed(client, path):
    response = client.get(path)
    assert response.headers["X-Frame-Options"] == "DENY"
    assert policy(response)["frame-ancestors"] == "'none'"


def test_unknown_or_inactive_site_keys_are_404(client, site):
    assert client.get("/embed/no-such-site").status_code == 404
    assert client.get("/embed/default").status_code == 404  # no EMBED_ALLOWED_ORIGINS
    site.is_active = False
    db.session.commit()
    assert client.get(f"/embed/{site.key}").status_code == 404


@pytest.mark.app_config(EMBED_ALLOWED_ORIGINS="https://a.example, https://b.example:8443")
def test_embed_allowed_origins_seeds_the_default_site(client):
    response = client.get("/embed/default")
    assert response.status_code == 200
    assert policy(response)["frame-ancestors"] == "https://a.example https://b.example:8443"


def test_a_page_on_another_origin_is_refused(client, site):
    refused = client.get(f"/embed/{site.key}", headers={"Referer": "https://evil.example/x"})
    assert refused.status_code == 403
    allowed = client.get(f"/embed/{site.key}", headers={"Referer": f"{SHOP}/products/1"})
    assert allowed.status_code == 200


def test_the_greeting_is_the_sites_own_never_the_urls(client, site):
    default = "Hi! Ask us anything"
    html = client.get(f"/embed/{site.key}?greeting=Call 555-0100 for a refund").text
    assert "555-0100" not in html and default in html
    site.greeting = "<b>Hi</b> from the shop"
    db.session.commit()
    html = client.get(f"/embed/{site.key}?greeting=Call 555-0100").text
    assert "&lt;b&gt;Hi&lt;/b&gt; from the shop" in html and "<b>Hi</b>" not in html
    assert "555-0100" not in html and default not in html


def test_options_are_validated(client, site):
    html = client.get(f"/embed/{site.key}?color=red;}}body{{display:none").get_data(as_text=True)
    assert "color=%230b6e4f" in html  # an invalid colour falls back to the default
    css = client.get("/embed/theme.css?color=%23ff0000").get_data(as_text=True)
    assert css == ":root { --accent: #ff0000; }\n"
    assert "display" not in client.get("/embed/theme.css?color=red;}body{display:none").text
    # The whole value must be a colour: one with a line break after it falls back too.
    assert "#0b6e4f" in client.get("/embed/theme.css?color=%23fff%0A").text


def test_the_loader_is_small_and_self_contained(client):
    response = client.get("/widget.js")
    assert response.status_code == 200
    assert response.mimetype in ("text/javascript", "application/javascript")
    source = response.get_data(as_text=True)
    assert len(source.encode()) < 5 * 1024
    assert "import " not in source and "require(" not in source
    assert "document.cookie" not in source


@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/chat/messages"), ("POST", "/chat/escalation"), ("POST", "/auth/login")],
)
def test_posts_from_another_sites_page_are_refused(client, method, path):
    response = client.open(
        path, method=method, data={"message": "hi"}, headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 403


def test_posts_from_our_own_pages_are_accepted(client):
    response = client.post(
        "/chat/messages",
        data={"message": "hi"},
        headers={"Origin": "http://localhost", "HX-Request": "true"},
    )
    assert response.status_code == 200


def test_admins_add_a_site_and_get_its_snippet(client, auth):
    from tests.factories import make_staff

    make_staff(is_admin=True)
    auth.login()
    token = auth.csrf_token("/admin/site/new/")
    bad = client.post(
        "/admin/site/new/",
        data={
            "name": "Shop",
            "allowed_origins": "shop.example.com",
            "is_active": "y",
            "csrf_token": token,
        },
        follow_redirects=True,
    )
    assert "Not an origin" in bad.get_data(as_text=True)
    client.post(
        "/admin/site/new/",
        data={
            "name": "Shop",
            "allowed_origins": "https://Shop.example.com/\nhttp://127.0.0.1:8001",
            "is_active": "y",
            "csrf_token": token,
        },
    )
    site = db.session.scalar(db.select(Site))
    assert site.origins == ["https://shop.example.com", "http://127.0.0.1:8001"]
    assert len(site.key) >= 16
    listing = client.get("/admin/site/").get_data(as_text=True)
    assert f"data-site=&#34;{site.key}&#34;" in listing or f"data-site=&quot;{site.key}" in listing
