"""The cached validator accepts and rejects exactly what rasa's check does."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction

from rasa_overrides import action_response_validation

GOOD = {"events": [{"event": "slot", "name": "x", "value": 1}], "responses": [{"text": "hoi"}]}
BAD = [
    {"events": "not a list"},
    {"responses": "not a list"},
    {"events": [{"event": "no_such_event"}]},
    {"responses": ["not an object"]},
]


def test_valid_response_passes() -> None:
    assert action_response_validation._validate_action_result(None, GOOD) is True  # type: ignore[arg-type]


@pytest.mark.parametrize("result", BAD)
def test_invalid_responses_fail_like_rasas_own_check(result: dict) -> None:
    with pytest.raises(ValidationError):
        validate(result, RemoteAction.action_response_format_spec())
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action_response_validation._validate_action_result(None, result)  # type: ignore[arg-type]


def test_install_replaces_the_check() -> None:
    action_response_validation.install()
    assert RemoteAction._validate_action_result is action_response_validation._validate_action_result


def _responses_to_compare() -> list:
    """Valid and invalid responses: each event name with no, right and wrong
    fields, unknown names, wrong containers."""
    schema = RemoteAction.action_response_format_spec()
    branches = schema["properties"]["events"]["items"]["oneOf"]
    wrong_values = [None, 1, "x", [], {}, {"name": 1}]
    responses: list = [GOOD, *BAD, {}, {"events": []}, {"events": [{}]}, {"events": [{"event": 3}]}, []]
    for branch in branches:
        name = branch["properties"]["event"]["const"]
        fields = [key for key in branch.get("properties", {}) if key != "event"]
        responses.append({"events": [{"event": name}]})
        for field in fields:
            for value in wrong_values:
                responses.append({"events": [{"event": name, field: value}], "responses": []})
                responses.append(
                    {"events": [GOOD["events"][0], {"event": name, field: value, "timestamp": 1.5}]}
                )
    return responses


def test_the_check_by_event_name_gives_the_full_validators_verdict() -> None:
    responses = _responses_to_compare()
    full = action_response_validation._validator()
    verdicts = [(action_response_validation.is_valid(result), full.is_valid(result)) for result in responses]
    assert all(fast == reference for fast, reference in verdicts), [
        result for result, (fast, reference) in zip(responses, verdicts, strict=True) if fast != reference
    ][:3]
    # Both kinds were compared, many of each.
    assert sum(reference for _, reference in verdicts) > 50
    assert sum(not reference for _, reference in verdicts) > 50


def test_the_check_by_event_name_is_used_for_this_rasa_schema() -> None:
    assert action_response_validation._by_event_name() is not None
