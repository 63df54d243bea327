"""Unbound extension singletons; `create_app` binds them to an app."""

from collections.abc import Iterator
from contextlib import contextmanager

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_mail import Mail
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from app.metrics import rate_limit_refused


class Base(DeclarativeBase):
    # Named constraints keep Alembic migrations portable between SQLite and PostgreSQL.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


db = SQLAlchemy(model_class=Base)


@contextmanager
def expiry_deferred() -> Iterator[None]:
    """Commits inside keep their rows loaded; they are expired on leaving instead.

    After a commit SQLAlchemy reloads each row it is asked about, one query apiece, for
    values it already holds. A send renders the rows it has just saved; a reply job
    goes on with the reply and question it loaded, which only it writes meanwhile.
    Expiring on the way out keeps anything that shares this session afterwards reading
    fresh rows.
    """
    session = db.session()
    session.expire_on_commit = False
    try:
        yield
    finally:
        session.expire_on_commit = True
        session.expire_all()


migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
mail = Mail()
# Storage comes from RATELIMIT_STORAGE_URI: Redis when configured, else this process's
# memory (fine for one dev process; every gunicorn worker would count apart). While Redis
# is down each process counts in its own memory instead: limits hold, chat never 500s.
limiter = Limiter(
    key_func=get_remote_address,
    in_memory_fallback_enabled=True,
    swallow_errors=True,
    on_breach=rate_limit_refused,  # counted for /metrics: portal_rate_limit_refusals_total
)
