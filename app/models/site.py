import secrets
from urllib.parse import urlsplit

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import Timestamped

DEFAULT_SITE_KEY = "default"


def _site_key() -> str:
    return secrets.token_urlsafe(12)


def origin_of(url: str) -> str | None:
    """`https://shop.example.com` from any URL on it; None for what is not a web origin
    (`http://[::1`, a port of `abc` or `99999`: a browser sends no such Referer)."""
    try:
        parts = urlsplit(url.strip())
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return f"{parts.scheme}://{parts.hostname.lower()}{port}"


class Site(Timestamped, db.Model):
    """A website that embeds the chat: its key (in the snippet) and where it may appear."""

    __tablename__ = "site"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True, default=_site_key)
    name: Mapped[str] = mapped_column(String(120))
    # One origin per line (or comma-separated), e.g. https://shop.example.com
    allowed_origins: Mapped[str] = mapped_column(Text, default="")
    # Under the business name in the embedded chat; staff set it here, never a URL (a
    # link could otherwise put any words under the business's name).
    greeting: Mapped[str] = mapped_column(String(200), default="", server_default="")
    is_active: Mapped[bool] = mapped_column(default=True)

    @property
    def origins(self) -> list[str]:
        parts = self.allowed_origins.replace(",", "\n").split()
        return [origin for origin in map(origin_of, parts) if origin]

    def allows(self, origin: str | None) -> bool:
        return origin is not None and origin_of(origin) in self.origins

    @classmethod
    def find(cls, key: str, default_origins: str = "") -> "Site | None":
        """The active site with this key; `default` falls back to EMBED_ALLOWED_ORIGINS."""
        site = db.session.scalar(db.select(cls).filter_by(key=key, is_active=True))
        if site is None and key == DEFAULT_SITE_KEY and default_origins.strip():
            site = cls(key=key, name="Default site", allowed_origins=default_origins)
        return site

    def __str__(self) -> str:
        return self.name


def origin_allowed(origin: str | None, default_origins: str = "") -> bool:
    """Whether any active site (or EMBED_ALLOWED_ORIGINS, the default site's) lists this
    origin: where the chat may be framed, the API answers cross-origin calls too."""
    if origin_of(origin or "") is None:
        return False
    sites = db.session.scalars(db.select(Site).filter_by(is_active=True)).all()
    default = Site(allowed_origins=default_origins) if default_origins.strip() else None
    return any(site.allows(origin) for site in [*sites, *filter(None, [default])])
