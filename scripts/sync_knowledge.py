"""Generate the domain and rules for the knowledge intents from the knowledge base.

Every entry <id> of knowledge/knowledge_base.yml gets an intent ask_<id>, and
one rule sends each of those intents to action_answer_question. Generating
both keeps knowledge base, domain and rules from drifting apart.

The urgent replies (alarm, distress) are domain responses, so the Rasa server
sends them itself even when the action server is down; their text is
written from knowledge/replies.yml, where all patient-facing wording lives.

    python scripts/sync_knowledge.py          # rewrite the generated files
    python scripts/sync_knowledge.py --check  # exit 1 if they are stale
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Dict

import yaml

from actions.knowledge_base import KnowledgeBase, load_knowledge_base
from launcher.paths import REPO_ROOT

DOMAIN_FILE = REPO_ROOT / "domain" / "knowledge.yml"
URGENT_DOMAIN_FILE = REPO_ROOT / "domain" / "urgent_replies.yml"
REPLIES_FILE = REPO_ROOT / "knowledge" / "replies.yml"
# Domain response -> (reply key in knowledge/replies.yml, metadata kind).
URGENT_RESPONSES = {"utter_alarm": ("alarm", "alarm"), "utter_distress": ("distress", "distress")}
RULES_FILE = REPO_ROOT / "data" / "rules" / "knowledge.yml"
HEADER = "# Generated from knowledge/knowledge_base.yml by scripts/sync_knowledge.py; do not edit.\n"


def render(knowledge_base: KnowledgeBase) -> Dict[Path, str]:
    intents = "".join(f"  - {intent}\n" for intent in knowledge_base.intents)
    domain = f'{HEADER}version: "3.1"\n\nintents:\n{intents}\nactions:\n  - action_answer_question\n'
    rules = "".join(
        f"\n- rule: answer {entry.id}\n  steps:\n  - intent: {entry.intent}\n  - action: action_answer_question\n"
        for entry in knowledge_base.entries.values()
    )
    return {
        DOMAIN_FILE: domain,
        RULES_FILE: f'{HEADER}version: "3.1"\n\nrules:\n{rules}',
        URGENT_DOMAIN_FILE: render_urgent_responses(yaml.safe_load(REPLIES_FILE.read_text(encoding="utf-8"))),
    }


def render_urgent_responses(replies: Dict[str, str]) -> str:
    responses = {
        name: [{"text": " ".join(str(replies[key]).split()), "metadata": {"kind": kind}}]
        for name, (key, kind) in URGENT_RESPONSES.items()
    }
    body = yaml.safe_dump({"responses": responses}, allow_unicode=True, sort_keys=False, width=100)
    return f'{HEADER.replace("knowledge_base.yml", "replies.yml")}version: "3.1"\n\n{body}'


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check, write nothing")
    args = parser.parse_args()
    files = render(load_knowledge_base(REPO_ROOT / "knowledge" / "knowledge_base.yml"))
    stale = [
        path for path, text in files.items() if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    if args.check:
        for path in stale:
            print(f"{path.relative_to(REPO_ROOT)} is out of date: run 'make sync'", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.write_text(files[path], encoding="utf-8")
        print(f"wrote {path.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
