"""Schemathesis against /api/openapi.json: generated requests, valid and invalid, never
get a 5xx (other than the documented 503), and every response matches the document."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance

# Bounded so CI stays quick; raise it locally for a deeper search.
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "30"))

pytestmark = pytest.mark.app_config(API_LIMIT_PER_IP="10000 per minute")


def operations(app):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("mode", list(GenerationMode), ids=lambda mode: mode.value)
def test_the_api_keeps_its_document(app, client, mode):
    # A real session in the header, so generated requests reach the success paths too
    # (a generated session_id is almost never one that exists).
    session_id = client.post("/api/chat/", json={"message": "hello"}).get_json()["session_id"]
    headers = {"Authorization": f"Bearer {session_id}"}
    # Plain Hypothesis around Schemathesis's strategies: its pytest plugin does not run
    # under this pytest version.
    checked = []
    for operation in operations(app):

        @given(case=operation.as_strategy(generation_mode=mode, headers=headers))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def conforms(case):
            response = case.call()
            assert response.status_code < 500 or response.status_code == 503, (
                case.as_curl_command(),
                response.text,
            )
            case.validate_response(response, checks=[response_schema_conformance])

        conforms()
        checked.append(operation.label)
    assert len(checked) == 5, checked
