"""Validate action-server responses with a validator built once.

rasa 3.6 checks every custom-action response with `jsonschema.validate`,
which re-checks the schema itself on each call: about 23 ms per action with
jsonschema 4.17, most of the cost of a message here. The schema never
changes, so a validator built once gives the same verdict.

Even built once, it tries every event against all 23 event schemas of a
`oneOf` (0.2-0.3 ms per event). Each of those schemas fixes its own `event`
name (`const`), so an event can only ever match the one named like it: the
fast path checks the response without the `oneOf`, then each event against
its own schema, which is the same verdict. A response it rejects goes through
the full validator for rasa's own error.

`install()` swaps RemoteAction's check for the cached one; rasa_overrides.install()
calls it, as every `rasa run` with this project's credentials.yml imports that
module. Errors keep rasa's wording.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any, Dict, Optional, Tuple

from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def _validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


@lru_cache(maxsize=1)
def _by_event_name() -> Optional[Tuple[Any, Dict[str, Any]]]:
    """The response schema without the events' `oneOf`, and a validator per
    event name; None if the schema is not shaped so (then: full validation)."""
    schema = RemoteAction.action_response_format_spec()
    try:
        items = schema["properties"]["events"]["items"]
        branches = items["oneOf"]
        names = [branch["properties"]["event"]["const"] for branch in branches]
    except (KeyError, TypeError):
        return None
    if len(set(names)) != len(names) or "event" not in items.get("required", ()):
        return None
    validator_class = validator_for(schema)
    outer = copy.deepcopy(schema)
    outer["properties"]["events"]["items"] = {key: value for key, value in items.items() if key != "oneOf"}
    return validator_class(outer), {
        name: validator_class(branch) for name, branch in zip(names, branches, strict=True)
    }


def is_valid(result: Any) -> bool:
    """rasa's verdict on an action-server response, by event name."""
    fast = _by_event_name()
    if fast is None:
        return bool(_validator().is_valid(result))
    outer, per_event = fast
    if not outer.is_valid(result):
        return False
    # The outer schema has made `result` an object and each event an object
    # with a string `event`.
    for event in result.get("events") or ():
        validator = per_event.get(event["event"])
        if validator is None or not validator.is_valid(event):
            return False
    return True


def _validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    if is_valid(result):
        return True
    try:
        _validator().validate(result)
        return True
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the "
            f"Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error


def install() -> None:
    RemoteAction._validate_action_result = _validate_action_result
