"""Every operation of every pinned spec, judged by an independent validator: Stoplight
Prism serves the spec (static examples, and `-d` responses generated from the schemas)
and checks each request the generated client sends; each response Prism says conforms
must parse under strict response validation.

Beside each client call, a control request built by hand from the spec (prism_cases)
tells faults of the client from Prism's limits and from faults of the spec, and a probe
that Prism must refuse shows Prism really judges the call. Every exception is listed
below with its reason; an entry that no longer applies fails the test, like a strict
xfail, so the lists stay true. `make test` prints the per-spec counts at the end."""

from __future__ import annotations

from typing import Any, Iterator

import httpx
import pytest

from prism import PrismMock, for_prism, start_all, stop_all, violations
from prism_cases import (
    API_KEY,
    MODES,
    Case,
    all_cases,
    control,
    method_of,
    sdk_kwargs,
    stream_accept,
    values_for,
)
from real_specs import PINNED, spec_json

# Keys: (api-version, mode, operationId, variant); "*" matches any.
Key = tuple[str, str, str, str]

# Calls Prism cannot judge: it accepts even the broken probe. (None since for_prism
# rewrites the typeless nullables that made Prism skip whole schemas.)
UNJUDGED: dict[Key, str] = {}

THREAD_ID = (
    "spec: the body schema requires `thread_id`, which its properties do not define "
    "and additionalProperties: false forbids, so no request satisfies it"
)
MULTIPART_ARRAY = (
    "Prism: an array field of a multipart body (timestamp_granularities[]) sent as "
    "repeated parts is read as one string ('must be array')"
)
# Calls whose hand-built control Prism refuses: Prism's limits and faults of the spec.
CONTROL_REFUSED: dict[Key, str] = {
    ("*", "*", "Create_Run", "*"): THREAD_ID,
    ("*", "*", "Create_Thread_And_Run", "*"): THREAD_ID,
    ("2024-12-01-preview", "*", "Transcriptions_Create", "full"): MULTIPART_ARRAY,
    ("2025-01-01-preview", "*", "Transcriptions_Create", "full"): MULTIPART_ARRAY,
    ("2025-03-01-preview", "*", "Transcriptions_Create", "full"): MULTIPART_ARRAY,
    ("2025-03-01-preview", "*", "post_responses", "stream"): (
        "Prism: cannot write the text/event-stream response its schema describes "
        "(500 'Cannot serialise complex objects as text')"
    ),
}

VECTOR_STORE_BYTES = (
    "spec: vectorStoreObject requires `bytes`, which its properties do not define "
    "(they have usage_bytes), so no response satisfies it"
)
AUDIO_ONE_OF = (
    "spec: the response is oneOf [audioResponse, audioVerboseResponse], and the verbose "
    "one is allOf [audioResponse, ...]: a body matching it matches both branches"
)
# Exchanges where Prism says its own mock response does not match the spec (so the
# client's strict parse is not judged): faults of the spec's examples and schemas, and
# Prism's response generator (-d) breaking the schema it generates from.
MOCK_NONCONFORMING: dict[Key, str] = {
    ("*", "*", "Transcriptions_Create", "*"): AUDIO_ONE_OF,
    ("*", "*", "Translations_Create", "*"): AUDIO_ONE_OF,
    ("*", "static", "ImageGenerations_Create", "*"): (
        'spec: generateImagesResponse.created (integer) has the example "1676540381",'
        " a string"
    ),
    **{
        ("*", "*", op_id, "*"): VECTOR_STORE_BYTES
        for op_id in (
            "Create_Vector_Store",
            "Get_Vector_Store",
            "List_Vector_Stores",
            "Modify_Vector_Store",
        )
    },
    ("2025-03-01-preview", "dynamic", "get_responses_response_id_input_items", "*"): (
        "Prism -d: its generated ItemResource (a discriminated oneOf of 7) matches "
        "none of the branches"
    ),
    ("2025-03-01-preview", "dynamic", "searchVectorStore", "*"): (
        "Prism -d: its generated `attributes` exceed the schema's maxProperties: 16"
    ),
}

# Faults of the generated client that other fixes own: strict xfails, so each flips
# to a failure (and comes off this list) when its fix lands. (Empty since nullable
# components reached through $ref are typed nullable where used.)
CLIENT_FAULTS: dict[Key, str] = {}


def lookup(table: dict[Key, str], case: Case) -> str | None:
    for (version, mode, op_id, variant), reason in table.items():
        if (
            version in ("*", case.api_version)
            and mode in ("*", case.mode)
            and op_id in ("*", case.operation_id)
            and variant in ("*", case.variant)
        ):
            return reason
    return None


def params() -> list[Any]:
    out = []
    for case in all_cases():
        marks = [pytest.mark.xdist_group(f"prism-{case.mode}")]
        fault = lookup(CLIENT_FAULTS, case)
        if fault:
            marks.append(pytest.mark.xfail(strict=True, reason=fault))
        out.append(pytest.param(case, id=case.id, marks=marks))
    return out


class Pool:
    """The mocks, started the first time a mode is asked for: every spec at once."""

    def __init__(self) -> None:
        self.mocks: dict[tuple[str, str], PrismMock] = {}

    def mock(self, api_version: str, mode: str) -> PrismMock:
        if (api_version, mode) not in self.mocks:
            started = {
                (v, mode): PrismMock(
                    for_prism(spec_json(v)),
                    dynamic=mode == "dynamic",
                    name=f"{v} {mode}",
                )
                for v in PINNED
            }
            self.mocks.update(started)
            start_all(list(started.values()))
        return self.mocks[(api_version, mode)]

    def close(self) -> None:
        stop_all(list(self.mocks.values()))


@pytest.fixture(scope="module")
def pool() -> Iterator[Pool]:
    mocks = Pool()
    yield mocks
    mocks.close()


# Whether Prism refused an operation's broken probe, by (api-version, mode, operationId).
JUDGED: dict[tuple[str, str, str], bool] = {}


def accepted(response: httpx.Response) -> bool:
    return response.status_code < 400 and not violations(response, "request")


def refusal(response: httpx.Response) -> str:
    """Why Prism refused: its violations, or the problem it answered with."""
    found = violations(response, "request")
    if not found and "problem+json" in response.headers.get("content-type", ""):
        problem = response.json()
        found = [
            f"{'.'.join(map(str, v['location']))}: {v['message']}"
            for v in problem.get("validation", [])
        ] or [f"{problem.get('title')}: {problem.get('detail')}"]
    return f"{response.status_code} " + ("; ".join(found) or response.text[:300])


@pytest.mark.parametrize("case", params())
def test_operation_conforms(
    case: Case,
    pool: Pool,
    generation: tuple[Any, dict[str, Any]],
    sdk: Any,
    record_property: Any,
) -> None:
    mock = pool.mock(case.api_version, case.mode)
    values = values_for(case)
    outcome = {"spec": case.api_version, "mode": case.mode, "result": "unjudged"}
    record_property("prism", outcome)
    with httpx.Client(timeout=60) as http:
        operation = (case.api_version, case.mode, case.operation_id)
        if operation not in JUDGED:  # one probe per operation serves its variants
            JUDGED[operation] = not accepted(
                control(http, mock.url, case, values, True)
            )
        reason = lookup(UNJUDGED, case)
        if reason:
            assert not JUDGED[operation], f"Prism now judges it: drop {reason!r}"
            return
        assert JUDGED[operation], "Prism accepted the broken probe: add to UNJUDGED"
        checked = control(http, mock.url, case, values)
        reason = lookup(CONTROL_REFUSED, case)
        if reason:
            assert not accepted(checked), f"control now accepted: drop {reason!r}"
            outcome["result"] = "control-refused"
            return
        assert accepted(checked), f"control refused: {refusal(checked)}"

    report = generation[1]  # the distribution serves every pinned api-version
    report_op = next(
        o for o in report["operations"] if o["operation_id"] == case.operation_id
    )
    pkg = sdk(case.api_version)
    seen: list[httpx.Response] = []
    http = httpx.Client(timeout=60, event_hooks={"response": [seen.append]})
    streams = case.variant == "stream"
    client = pkg.Client(
        endpoint=mock.url,
        api_key=API_KEY,
        max_retries=0,
        default_headers={"Accept": stream_accept(case)} if streams else None,
        http_client=http,
        strict_response_validation=True,
    )
    method = method_of(client, report_op["call"])
    outcome["result"] = "refused"
    try:
        result = method(**sdk_kwargs(report_op, values))
        parse_error = None
    except pkg.APIResponseValidationError as exc:
        parse_error = exc
    except pkg.APIStatusError:
        parse_error = None
        result = None
    finally:
        client.close()
    exchange = seen[-1]
    assert accepted(
        exchange
    ), f"Prism refused the client's request: {refusal(exchange)}"
    outcome["result"] = "accepted"
    if streams:
        # Prism writes no text/event-stream bodies: the streamed request alone is judged.
        result.close()
        return
    found = violations(exchange, "response")
    reason = lookup(MOCK_NONCONFORMING, case)
    if reason:
        assert found, f"Prism now finds its mock response conforming: drop {reason!r}"
        outcome["response"] = "nonconforming"
        return
    assert not found, f"Prism's mock response does not conform: {found[0]}; list why"
    outcome["response"] = "failed"
    assert parse_error is None, str(parse_error)
    outcome["response"] = "parsed"


def test_every_listed_exception_names_a_call() -> None:
    """No stale entry: each one matches a call this module makes."""
    cases = all_cases()
    for table in (UNJUDGED, CONTROL_REFUSED, MOCK_NONCONFORMING, CLIENT_FAULTS):
        for key, reason in table.items():
            lone = {key: reason}
            assert any(lookup(lone, case) for case in cases), key
