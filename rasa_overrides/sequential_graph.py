"""Run the prediction graph in order, in the calling thread, without dask.

rasa 3.6 runs its prediction graph (about twenty nodes: tokenizer,
featurizers, classifiers, the safety net, policies) through dask's local
scheduler, twice or more per message. Every run rebuilds the minimal graph
for its targets and lets dask schedule it; on this machine that costs about
0.6 ms per run, some 15% of a message's CPU, for a graph that never changes
and whose nodes run one after the other anyway.

`SequentialGraphRunner` keeps rasa's nodes (`GraphNode`, so hooks, caching
and error handling stay rasa's) and only replaces the scheduling: the order
of the nodes a set of targets needs is worked out once and reused. Results
are the same as dask's (tests/test_sequential_graph.py compares them).
`install()` makes rasa's processor load models with it; rasa_overrides.install()
calls it.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

import rasa.core.processor
from rasa.engine.exceptions import GraphRunError
from rasa.engine.graph import GraphNode, GraphSchema
from rasa.engine.runner.dask import DaskGraphRunner

# The nodes to run for one set of targets, in order, each with the names of
# the nodes or inputs it needs.
_Plan = List[Tuple[str, GraphNode, Tuple[str, ...]]]


def execution_order(schema: GraphSchema, targets: List[str]) -> List[str]:
    """The nodes `targets` need, each after everything it needs."""
    order: List[str] = []
    state: Dict[str, bool] = {}  # False: being visited, True: done

    def visit(name: str) -> None:
        if state.get(name):
            return
        if name in state:
            raise GraphRunError(f"The graph has a cycle through '{name}'.")
        state[name] = False
        for needed in schema.nodes[name].needs.values():
            if needed in schema.nodes:
                visit(needed)
        state[name] = True
        order.append(name)

    for target in targets:
        visit(target)
    return order


class SequentialGraphRunner(DaskGraphRunner):
    """rasa's graph runner with the nodes run in a fixed order, not by dask."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plans: Dict[Tuple[str, ...], _Plan] = {}

    def _plan(self, targets: List[str]) -> _Plan:
        key = tuple(targets)
        plan = self._plans.get(key)
        if plan is None:
            plan = [
                (name, self._instantiated_nodes[name], tuple(self._graph_schema.nodes[name].needs.values()))
                for name in execution_order(self._graph_schema, targets)
            ]
            self._plans[key] = plan
        return plan

    def run(
        self,
        inputs: Optional[Dict[str, Any]] = None,
        targets: Optional[List[str]] = None,
    ) -> Dict[str, Any]:
        """Runs the graph (see rasa's GraphRunner.run)."""
        run_targets = targets if targets else self._graph_schema.target_names
        # What each node returned, as rasa's nodes pass it on: (name, value).
        results: Dict[str, Tuple[str, Any]] = {}
        for name, value in (inputs or {}).items():
            if name in self._graph_schema.nodes:
                raise GraphRunError(
                    f"Input value '{name}' clashes with a node name. Make sure that none of the input "
                    f"names passed to the `run` method are the same as node names in the graph schema."
                )
            results[name] = (name, value)
        try:
            for name, node, needs in self._plan(run_targets):
                try:
                    arguments = [results[needed] for needed in needs]
                except KeyError as missing:
                    raise GraphRunError(f"Node '{name}' needs {missing}, which was not given.") from None
                results[name] = node(*arguments)
        except RuntimeError as error:
            raise GraphRunError("Error running runner.") from error
        return dict(results[target] for target in run_targets)


def install() -> None:
    """Make rasa's processor load every model with the sequential runner."""
    rasa.core.processor.DaskGraphRunner = SequentialGraphRunner
