"""Format RulePolicy's dialogue states for its debug line only when it is logged.

rasa 3.6's RulePolicy formats every state of the session for a debug log line
on each prediction (`Policy.format_tracker_states`, then `copy.deepcopy` of
the text), whether or not debug logging is on: work that grows with the
conversation (about 1,600 states by its 200th message) and is thrown away at
the default log level. Here the formatting happens when the line is rendered:
the same text at debug level, nothing otherwise.

`install()` swaps the formatter; rasa_overrides.install() calls it.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.core.policies.policy import Policy
from rasa.core.policies.rule_policy import RulePolicy

_format_states = Policy.format_tracker_states


class LazyStates:
    """Formats the states when turned into text; copies are itself."""

    def __init__(self, states: List[Dict[str, Any]]) -> None:
        self._states = states

    def __str__(self) -> str:
        return str(_format_states(self._states))

    __repr__ = __str__

    def __deepcopy__(self, memo: Dict[int, Any]) -> LazyStates:
        return self


def _lazy_format(states: List[Dict[str, Any]]) -> Any:
    return LazyStates(states)


def install() -> None:
    RulePolicy.format_tracker_states = staticmethod(_lazy_format)
