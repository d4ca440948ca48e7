"""The cached validator accepts and rejects exactly what rasa's check does."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction

from channels import action_response_validation

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
