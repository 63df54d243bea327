"""The deployment files run the real entry points, with the Makefile's commands.

compose.yaml, the Dockerfile and the systemd units in deploy/ each name commands; a typo
there only shows on a server. Here each command is run as its file would run it (with
`--help`, or gunicorn's `--check-config`, which loads the app), and each setting they
pass is one the app reads and docs/configuration.md explains.
"""

import configparser
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
SERVICES = COMPOSE["services"]
PORTAL = ("migrate", "web", "worker")  # the services that run this code
VENV_BIN = "/srv/portal/.venv/bin/"  # where the systemd units find the commands

# The three commands, as README.md and the Makefile say them.
MIGRATE = ["flask", "--app", "wsgi", "db", "upgrade"]
WEB = ["gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"]
WORKER = ["flask", "--app", "wsgi", "worker"]


def command(service: str) -> list[str]:
    cmd = SERVICES[service]["command"]
    return shlex.split(cmd) if isinstance(cmd, str) else list(cmd)


def run(argv: list[str], tmp_path: Path, **env) -> subprocess.CompletedProcess:
    """argv as a console script would run it, from this venv, in a checkout like /srv/portal."""
    program, *args = argv
    environment = {
        **os.environ,
        "SECRET_KEY": "deploy-test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.db'}",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", program, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_compose_has_the_database_the_queue_the_web_tier_and_a_worker():
    assert {"postgres", "redis", *PORTAL} <= set(SERVICES)
    assert SERVICES["postgres"]["image"].startswith("postgres:")
    assert SERVICES["redis"]["image"].startswith("redis:")
    for name in PORTAL:
        service = SERVICES[name]
        assert service["build"] == "."  # this repository's Dockerfile
        environment = service["environment"]
        assert environment["DATABASE_URL"].startswith("postgresql://")
        assert "@postgres:5432/" in environment["DATABASE_URL"]
        assert environment["REDIS_URL"].startswith("redis://redis:6379/")
    # Web and workers only once the schema is migrated.
    for name in ("web", "worker"):
        depends = SERVICES[name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully"


def test_compose_runs_the_makefiles_commands():
    assert command("migrate") == MIGRATE
    assert command("web") == WEB
    assert command("worker") == WORKER

    makefile = (ROOT / "Makefile").read_text()
    recipes = [
        line.strip().replace("$(FLASK)", "flask --app wsgi").replace("$(VENV)/bin/", "")
        for line in makefile.splitlines()
        if line.startswith("\t")
    ]
    for argv in (MIGRATE, WEB, WORKER):
        assert shlex.join(argv) in recipes, shlex.join(argv)


@pytest.mark.parametrize("service", ["migrate", "worker"])
def test_the_flask_commands_exist(service, tmp_path):
    """`flask --app wsgi db upgrade` and `... worker`: the real CLI, from app/commands.py
    and Flask-Migrate, loads the app and knows the command."""
    argv = command(service)
    result = run([*argv, "--help"], tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"Usage: python -m flask {' '.join(argv[3:])}" in result.stdout


def test_the_gunicorn_app_path_imports_with_its_config(tmp_path):
    """gunicorn's own check: reads gunicorn.conf.py and loads wsgi:app."""
    program, *args = command("web")
    result = run([program, "--check-config", *args], tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_dockerfile_serves_the_web_tier_by_default():
    dockerfile = (ROOT / "Dockerfile").read_text()
    (cmd,) = re.findall(r"^CMD (.+)$", dockerfile, re.M)
    assert json.loads(cmd) == WEB
    assert "pip install -r requirements.txt" in dockerfile
    assert re.search(r"^USER (?!root)", dockerfile, re.M)  # not root
    # The metrics directory the compose volume mounts over.
    assert "PROMETHEUS_MULTIPROC_DIR=/run/portal-metrics" in dockerfile


def test_web_and_workers_share_one_metrics_directory():
    """/metrics adds up every process's counts from PROMETHEUS_MULTIPROC_DIR: web and
    worker containers must write to the same volume there."""
    for name in ("web", "worker"):
        service = SERVICES[name]
        directory = service["environment"]["PROMETHEUS_MULTIPROC_DIR"]
        assert f"metrics:{directory}" in service["volumes"]
    assert COMPOSE["volumes"]["metrics"]["driver_opts"]["type"] == "tmpfs"


def test_a_stopping_worker_is_given_time_to_finish_its_replies():
    grace = SERVICES["worker"]["stop_grace_period"]
    assert int(grace.rstrip("s")) > 60  # REPLY_DEADLINE_SECONDS, by default


def settings_the_app_reads() -> set[str]:
    sources = (ROOT / "app" / "config.py").read_text() + (ROOT / "gunicorn.conf.py").read_text()
    names = set(re.findall(r"""environ(?:\.get\(|\[)\s*["']([A-Z_]+)["']""", sources))
    names |= set(re.findall(r"""_int\(environ, "([A-Z_]+)\"""", sources))
    return names | {"PROMETHEUS_MULTIPROC_DIR", "INSTANCE_PATH"}


def test_every_setting_compose_passes_is_read_and_documented():
    read = settings_the_app_reads()
    documented = (ROOT / "docs" / "configuration.md").read_text()
    for name in PORTAL:
        for setting in SERVICES[name]["environment"]:
            assert setting in read, f"{name}: {setting} is read by nothing"
            assert f"`{setting}`" in documented, f"{setting} is not in docs/configuration.md"


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd's keys are case-sensitive
    parser.read_string((ROOT / "deploy" / name).read_text())
    return parser


@pytest.mark.parametrize(
    ("name", "argv"),
    [("portal-web.service", WEB), ("portal-worker@.service", WORKER)],
)
def test_the_systemd_units_run_the_same_commands(name, argv):
    service = unit(name)["Service"]
    exec_start = shlex.split(service["ExecStart"])
    assert exec_start[0] == VENV_BIN + argv[0]
    assert exec_start[1:] == argv[1:]
    assert service["WorkingDirectory"] == "/srv/portal"
    assert service["Environment"] == "PROMETHEUS_MULTIPROC_DIR=/run/portal-metrics"
    assert service["RuntimeDirectory"] == "portal-metrics"


def test_the_nginx_sample_proxies_to_gunicorns_address_without_buffering_streams():
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    bind = re.search(r'"BIND", "([^"]+)"', (ROOT / "gunicorn.conf.py").read_text()).group(1)
    assert f"server {bind};" in nginx
    assert "proxy_set_header X-Forwarded-For" in nginx  # TRUSTED_PROXIES=1 reads it
    # gunicorn.conf.py's timeout: a stream is never cut by the proxy first.
    timeout = int(re.search(r"^timeout = (\d+)", (ROOT / "gunicorn.conf.py").read_text(), re.M)[1])
    assert int(re.search(r"proxy_read_timeout (\d+)s", nginx)[1]) >= timeout
