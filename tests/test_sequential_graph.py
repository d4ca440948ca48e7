"""The sequential graph runner gives what rasa's dask runner gives, on the
real trained model (rasa_overrides/sequential_graph.py)."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List

import pytest
import rasa.core.processor
from rasa.core.agent import load_agent
from rasa.engine.exceptions import GraphRunError
from rasa.engine.graph import GraphSchema, SchemaNode
from rasa.engine.runner.dask import DaskGraphRunner

from rasa_overrides import sequential_graph
from tests.helpers import model_path

MESSAGES = [
    "wat is progressievrije overleving?",
    "mijn moeder heeft 39,4 koorts en krijgt chemo",
    "ik zie het niet meer zitten",
    "hoi",
    "vorig jaar had ik koorts, nu niet meer. hoe lang duurt een kuur?",
    "wie wint het WK?",
    "😀",
    "",
]


def _parse_all(runner_class: Any) -> List[Dict[str, Any]]:
    original = rasa.core.processor.DaskGraphRunner
    rasa.core.processor.DaskGraphRunner = runner_class
    try:

        async def parse() -> List[Dict[str, Any]]:
            agent = await load_agent(model_path=str(model_path()))
            assert isinstance(agent.processor.graph_runner, runner_class)
            return [await agent.parse_message(text) for text in MESSAGES]

        return asyncio.run(parse())
    finally:
        rasa.core.processor.DaskGraphRunner = original


def test_parses_equal_those_of_the_dask_runner() -> None:
    sequential = _parse_all(sequential_graph.SequentialGraphRunner)
    dask = _parse_all(DaskGraphRunner)
    assert sequential == dask
    # Not trivially equal: the messages were read differently.
    assert len({parse["intent"]["name"] for parse in sequential}) >= 4


def test_install_makes_the_processor_load_with_it() -> None:
    original = rasa.core.processor.DaskGraphRunner
    try:
        sequential_graph.install()
        assert rasa.core.processor.DaskGraphRunner is sequential_graph.SequentialGraphRunner
    finally:
        rasa.core.processor.DaskGraphRunner = original


def _schema(needs: Dict[str, Dict[str, str]]) -> GraphSchema:
    return GraphSchema(
        {
            name: SchemaNode(needs=node_needs, uses=object, constructor_name="create", fn="run", config={})
            for name, node_needs in needs.items()
        }
    )


def test_the_order_puts_every_node_after_what_it_needs_and_leaves_out_the_rest() -> None:
    schema = _schema(
        {"a": {}, "b": {"x": "a"}, "c": {"x": "b", "y": "a", "m": "__message__"}, "unused": {"x": "a"}}
    )
    order = sequential_graph.execution_order(schema, ["c"])
    assert order == ["a", "b", "c"]


def test_a_cycle_is_an_error_not_a_hang() -> None:
    schema = _schema({"a": {"x": "b"}, "b": {"x": "a"}})
    with pytest.raises(GraphRunError):
        sequential_graph.execution_order(schema, ["a"])
