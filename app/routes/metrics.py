"""`/metrics` for Prometheus (app/metrics.py), behind a bearer token.

Without METRICS_TOKEN the page does not exist (404): metrics say how busy the business
is and what it spends, which is nobody's business but its operators'.
"""

import hmac

from flask import Blueprint, Response, abort, current_app, request
from prometheus_client import CONTENT_TYPE_LATEST

from app.metrics import exposition

bp = Blueprint("metrics", __name__)


@bp.get("/metrics")
def metrics():
    token = current_app.config["METRICS_TOKEN"]
    if not token:
        abort(404)
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), token.encode()
    ):
        return Response(
            "A bearer token is needed (METRICS_TOKEN).\n",
            401,
            {"WWW-Authenticate": 'Bearer realm="metrics"'},
            mimetype="text/plain",
        )
    return Response(exposition(), mimetype=None, content_type=CONTENT_TYPE_LATEST)
