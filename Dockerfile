# The portal's one image: the web tier, the workers and the one-off commands all run it
# (compose.yaml; docs/deploy.md). The commands are the Makefile's and the README's.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    # instance/config.py, if mounted; settings come from the environment otherwise.
    INSTANCE_PATH=/var/lib/portal \
    # Metrics: every process of a container writes its counts here (app/metrics.py).
    PROMETHEUS_MULTIPROC_DIR=/run/portal-metrics \
    # gunicorn.conf.py listens here; publish or proxy the port.
    BIND=0.0.0.0:8000

WORKDIR /srv/portal

# Dependencies first: a code change does not reinstall them.
COPY requirements.txt requirements-sentry.txt ./
# docker build --build-arg WITH_SENTRY=1 adds sentry-sdk (errors to Sentry with SENTRY_DSN).
ARG WITH_SENTRY=0
RUN pip install -r requirements.txt \
    && if [ "$WITH_SENTRY" = "1" ]; then pip install -r requirements-sentry.txt; fi

COPY . .

# Not root; the same uid owns the shared metrics volume in compose.yaml.
RUN groupadd --system --gid 10001 portal \
    && useradd --system --uid 10001 --gid portal --home-dir /srv/portal portal \
    && mkdir -p /var/lib/portal /run/portal-metrics \
    && chown portal:portal /var/lib/portal /run/portal-metrics
USER portal

EXPOSE 8000
# The web tier; compose.yaml gives the worker and the migration their own commands.
CMD ["gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"]
