"""The API against its own OpenAPI schema: schemathesis generates requests for every operation from the schema
(property-based: valid and invalid input, a bounded number of examples per operation, reproducibly) and
checks that none gets a 5xx and that every response, errors included, is what the schema promises.

Each operation is tried with generated path parameters (mostly addresses of nothing: 404s) and with those of
demo records, so the data responses are checked too. Schemathesis's pytest plugin (`from_fixture`) does not
run under this pytest, so the test drives its Python API (`from_wsgi`, `as_strategy`) itself.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings, strategies
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

pytestmark = pytest.mark.django_db

CHECKS = [not_a_server_error, response_schema_conformance]
EXAMPLES = 20  # per operation and per set of path parameters

# Path parameters of demo records, per operation path.
DEMO = {
    "/api/v1/shows/{slug}/": {"slug": "queen-of-tears"},
    "/api/v1/shows/{slug}/episodes/": {"slug": "queen-of-tears"},
    "/api/v1/shows/{slug}/{kind}/{number}/": {"slug": "queen-of-tears", "kind": "episodes", "number": 8},
    "/api/v1/shows/{slug}/characters/": {"slug": "queen-of-tears"},
    "/api/v1/shows/{slug}/characters/{character}/": {"slug": "queen-of-tears", "character": "baek-hyun-woo"},
    "/api/v1/shows/{slug}/songs/": {"slug": "queen-of-tears"},
    "/api/v1/shows/{slug}/songs/{song}/": {"slug": "queen-of-tears", "song": "the-reason-of-my-smiles"},
    "/api/v1/people/{slug}/": {"slug": "kim-soo-hyun"},
    "/api/v1/ceremonies/{slug}/": {"slug": "korea-drama-awards"},
    "/api/v1/news/{slug}/": {"slug": "song-joong-ki-returns-as-vincenzo-in-queen-of-tears"},
}


@pytest.fixture
def api_schema(settings):
    from portal.wsgi import application

    # Thousands of requests from one address: the throttle has its own tests.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": "100000/s"}}
    # As Django's test client does: the WSGI handler would close the test's connection (its transaction)
    # after each request, which PostgreSQL then refuses to go on with.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def keeps_to_the_schema(operation, path_parameters=None):
    """Run the checks on EXAMPLES generated requests; the first failure is raised (shrunk by Hypothesis)."""
    strategy = strategies.one_of(
        operation.as_strategy(generation_mode=mode, path_parameters=path_parameters)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    )

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        case.call_and_validate(checks=CHECKS)

    check()


def test_every_operation_keeps_to_the_schema(api_schema):
    from awards.models import Nomination

    demo = {**DEMO, "/api/v1/nominations/{id}/": {"id": Nomination.objects.order_by("pk").first().pk}}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    # Every endpoint but the schema and its docs page is in the schema.
    assert len(operations) == 19 and set(demo) <= {operation.path for operation in operations}
    failures = []
    for operation in operations:
        for path_parameters in [None, demo.get(operation.path)] if operation.path in demo else [None]:
            try:
                keeps_to_the_schema(operation, path_parameters)
            except (Exception, BaseExceptionGroup) as failure:  # all operations' failures, reported at once
                failures.append(f"{operation.label} {path_parameters or ''}:\n{failure}")
    assert not failures, "\n\n".join(failures)
