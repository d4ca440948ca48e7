"""What the Rasa server changes in rasa 3.6's own behaviour, one module each.

Each module replaces one rasa method with a faster or safer one that gives
rasa's own result (each is tested against rasa's), keeping rasa's version
for comparison. `install()` puts them all in place; channels/rest.py calls
it, as every `rasa run` with this project's credentials.yml imports that
module. Environment switches keep rasa's own behaviour for the benchmarks'
comparisons: STOCK_ACTION_VALIDATION=1, STOCK_GRAPH_RUNNER=1,
STOCK_ACTION_CONNECTION=1.
"""

from __future__ import annotations

import os

from rasa_overrides import (
    action_connection,
    action_payload,
    action_response_validation,
    domain_emptiness,
    lazy_rule_states,
    rule_match_cache,
    sequential_graph,
)


def install() -> None:
    """Put every override in place (idempotent)."""
    # Action responses validated with a validator built once.
    if os.environ.get("STOCK_ACTION_VALIDATION") != "1":
        action_response_validation.install()
    # The action server gets the recent turns only.
    action_payload.install(action_payload.user_turns_from_environment())
    # RulePolicy's states formatted for its debug line only when logged.
    lazy_rule_states.install()
    # RulePolicy's matching rules reused for a recurring tail of states.
    rule_match_cache.install()
    # The prediction graph run in a fixed order instead of through dask.
    if os.environ.get("STOCK_GRAPH_RUNNER") != "1":
        sequential_graph.install()
    # The connection to the action server kept open between messages.
    if os.environ.get("STOCK_ACTION_CONNECTION") != "1":
        action_connection.install()
    # Whether the domain is empty decided once, not per message.
    domain_emptiness.install()
