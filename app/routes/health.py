"""Liveness for load balancers and process managers."""

from flask import Blueprint
from sqlalchemy import text

from app.extensions import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """200 when the database answers."""
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}
