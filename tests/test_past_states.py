"""The policies' states from the saved fold (storage/past_states.py) and the
tracker copies made without a replay are rasa's own: real conversations
through the trained agent as the server builds it (SQLite store with its
cache, the real action server); at every policy call the resumed states are
compared with rasa's `Domain.states_for_tracker_history` on the same tracker,
and every copy with rasa's replayed copy. Then the same conversations without
the saved folds and copies must give the same replies and stored events."""

from __future__ import annotations

import asyncio
import copy
import operator
import random
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from launcher.paths import ENDPOINTS_FILE
from launcher.servers import ServerProcess, action_server
from launcher.settings import server_environment
from storage.past_states import Fold, StoredSessionTracker
from tests.helpers import assistant_settings, held_out_examples, model_path, safety_cases
from tests.test_tracker_cache import state as tracker_state

pytestmark = [pytest.mark.server]


def project_domain() -> Domain:
    from launcher.paths import REPO_ROOT

    return Domain.load(str(REPO_ROOT / "domain"))


def greeting_session() -> List[Any]:
    """A session in which the user said hello and the bot greeted back."""
    return [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
        UserUttered("hallo", {"name": "greet", "confidence": 1.0}),
        ActionExecuted("action_greet"),
    ]


def messages(count: int, seed: int) -> List[str]:
    """A conversation mixing topics, urgent messages, small talk, nonsense,
    button payloads and confirmations of a "Bedoelt u ...?" question."""
    pool = [text for texts in held_out_examples().values() for text in texts[:3]]
    cases = safety_cases()
    pool += cases["alarm"][:4] + cases["distress"][:3]
    pool += [
        "hallo",
        "dank je wel",
        "ja",
        "nee",
        "ik wil iemand spreken",
        "asdf qwerty",
        "ben je een robot?",
        "/greet",
    ]
    chooser = random.Random(seed)
    return [chooser.choice(pool) for _ in range(count)]


@pytest.fixture(scope="module")
def actions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tuple[ServerProcess, Any]]:
    settings = assistant_settings(tmp_path_factory.mktemp("past-states"), enable_api=False)
    server = action_server(settings)
    server.start()
    try:
        server.wait_ready(120)
        yield server, settings
    finally:
        server.stop()


async def run_conversations(
    settings: Any, data_dir: Path, conversations: List[List[str]], monkeypatch: pytest.MonkeyPatch
) -> Tuple[List[List[List[Dict[str, Any]]]], List[List[Dict[str, Any]]]]:
    """Replies per message and the stored events per conversation."""
    from rasa.core.agent import load_agent
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
    from rasa.core.utils import AvailableEndpoints

    import channels.rest  # noqa: F401  (as the server: cached action-response validation)

    for name, value in server_environment(settings).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(data_dir))
    endpoints = AvailableEndpoints.read_endpoints(str(ENDPOINTS_FILE))
    agent = await load_agent(model_path=str(model_path()), endpoints=endpoints)
    replies: List[List[List[Dict[str, Any]]]] = []
    stored: List[List[Dict[str, Any]]] = []
    for number, texts in enumerate(conversations):
        replies.append([])
        for text in texts:
            output = CollectingOutputChannel()
            await agent.handle_message(UserMessage(text, output, f"conversation-{number}"))
            replies[-1].append([{k: v for k, v in m.items() if k != "recipient_id"} for m in output.messages])
        tracker = await agent.tracker_store.retrieve(f"conversation-{number}")
        assert tracker is not None
        stored.append([strip_times(event.as_dict()) for event in tracker.events])
    return replies, stored


def strip_times(data: Dict[str, Any]) -> Dict[str, Any]:
    data = copy.deepcopy(data)
    data.pop("timestamp", None)
    data.pop("message_id", None)  # a new uuid per message
    metadata = data.get("metadata")
    if isinstance(metadata, dict):
        metadata.pop("model_id", None)
    parse_data = data.get("parse_data")
    if isinstance(parse_data, dict):
        parse_data.pop("message_id", None)
    return data


def test_resumed_states_are_rasas_at_every_policy_call(
    actions: Tuple[ServerProcess, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, settings = actions
    compared: List[int] = []
    resumed: List[int] = []
    original = StoredSessionTracker.past_states
    original_applied = StoredSessionTracker.applied_events
    original_fork = Fold.fork
    original_copy = StoredSessionTracker.copy
    applied_compared: List[int] = []
    copies_compared: List[int] = []

    def checked_copy(self: StoredSessionTracker) -> DialogueStateTracker:
        expected = DialogueStateTracker.copy(self)  # rasa's replay
        found = original_copy(self)
        assert found is not self and found.events is not self.events
        assert tracker_state(found) == tracker_state(expected)
        copies_compared.append(len(found.events))
        return found

    def checked_applied(self: StoredSessionTracker) -> List[Any]:
        expected = DialogueStateTracker.applied_events(self)
        found = original_applied(self)
        assert len(found) == len(expected) and all(map(operator.is_, found, expected))
        applied_compared.append(len(found))
        return found

    def checked(self: StoredSessionTracker, domain: Domain, *args: Any, **kwargs: Any) -> List[State]:
        expected = DialogueStateTracker.past_states(self, domain, *args, **kwargs)
        found = original(self, domain, *args, **kwargs)
        assert found == expected
        compared.append(len(found))
        return found

    def counting_fork(self: Fold) -> Fold:
        resumed.append(len(self.prefix))
        return original_fork(self)

    monkeypatch.setattr(StoredSessionTracker, "past_states", checked)
    monkeypatch.setattr(StoredSessionTracker, "applied_events", checked_applied)
    monkeypatch.setattr(Fold, "fork", counting_fork)
    monkeypatch.setattr(StoredSessionTracker, "copy", checked_copy)
    conversations = [messages(40, seed) for seed in range(3)]
    asyncio.run(run_conversations(settings, tmp_path, conversations, monkeypatch))
    # Every message: at least two predictions, each featurised by both policies.
    assert len(compared) >= 4 * sum(map(len, conversations))
    assert max(compared) > 40  # long histories were compared, not only short ones
    assert max(resumed) > 100  # and the states were resumed from long saved folds
    assert len(applied_compared) >= len(compared) and max(applied_compared) > 100
    # The processor copies the tracker before every action it runs.
    assert len(copies_compared) >= 2 * sum(map(len, conversations)) and max(copies_compared) > 100


def test_replies_and_stored_events_are_the_same_without_saved_states(
    actions: Tuple[ServerProcess, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, settings = actions
    conversations = [messages(25, seed) for seed in range(10, 13)]
    with_memo = asyncio.run(run_conversations(settings, tmp_path / "memo", conversations, monkeypatch))
    monkeypatch.setattr(StoredSessionTracker, "past_states", DialogueStateTracker.past_states)
    monkeypatch.setattr(StoredSessionTracker, "applied_events", DialogueStateTracker.applied_events)
    monkeypatch.setattr(StoredSessionTracker, "copy", DialogueStateTracker.copy)
    without = asyncio.run(run_conversations(settings, tmp_path / "plain", conversations, monkeypatch))
    assert with_memo[0] == without[0]
    for one, other in zip(with_memo[1], without[1], strict=False):
        assert len(one) == len(other)
        for event, same in zip(one, other, strict=False):
            assert event == same


def test_a_change_to_an_earlier_user_message_falls_back_to_rasa(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa.shared.core.events import DefinePrevUserUtteredFeaturization

    domain = project_domain()
    events = [*greeting_session(), ActionExecuted("action_listen")]
    memo: Dict[Any, Fold] = {}
    first = StoredSessionTracker.from_events("x", events, domain.slots)
    first._states_memo, first._stored_events = memo, len(events)
    assert first.past_states(domain) == DialogueStateTracker.past_states(first, domain)
    assert memo
    # An event that changes the stored user message in place (no new message).
    second = StoredSessionTracker.from_events("x", events, domain.slots)
    second._states_memo, second._stored_events = memo, len(events)
    second.events[3] = first.events[3]  # the same objects, as the store hands out
    for index, event in enumerate(first.events):
        second.events[index] = event
    second.update(DefinePrevUserUtteredFeaturization(True))
    fell_back: List[Optional[int]] = []
    original = DialogueStateTracker.past_states

    def spy(self: DialogueStateTracker, *args: Any, **kwargs: Any) -> List[State]:
        fell_back.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(DialogueStateTracker, "past_states", spy)
    found = StoredSessionTracker.past_states(second, domain)
    assert fell_back
    assert found == original(second, domain)


def test_callers_changing_the_returned_states_do_not_change_the_saved_ones() -> None:
    """rasa's `_choose_last_user_input` deletes keys of the last state's user
    sub-state, which ML featurisation shares with the states before it."""
    from rasa.shared.core.constants import USER
    from rasa.shared.nlu.constants import INTENT

    domain = project_domain()
    events = greeting_session()
    tracker = StoredSessionTracker.from_events("x", events, domain.slots)
    tracker._states_memo, tracker._stored_events = {}, len(events)
    for _ in range(2):
        expected = DialogueStateTracker.past_states(tracker, domain, ignore_rule_only_turns=True)
        found = tracker.past_states(domain, ignore_rule_only_turns=True)
        assert found == expected
        assert found[-1][USER] is found[-2][USER]  # shared, as in rasa's result
        del found[-1][USER][INTENT]
