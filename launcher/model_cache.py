"""Name trained models by a hash of everything that shapes them.

The hash covers config, domain, training data, the knowledge base (the intent
classifier learns from its wording), the code of the custom NLU pieces
(understanding/, safety/, spaCy pipeline) and the locked dependency set, so a model
is retrained exactly when one of them changes and reused otherwise.

    python -m launcher.model_cache path   # models/assistant-<hash>.tar.gz
    python scripts/model_cache.py path    # the same
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Iterable, List

from launcher.paths import MODEL_DIR, REPO_ROOT

INPUTS = (
    "config.yml",
    "domain",
    "data",
    "safety",
    "understanding",
    # The intent classifier also learns from the answers' own wording.
    "knowledge/knowledge_base.yml",
    "spacy_pipeline/nl_core_lookup",
    "requirements/lock.txt",
)


def _files(inputs: Iterable[str]) -> List[Path]:
    files: List[Path] = []
    for name in inputs:
        path = REPO_ROOT / name
        if path.is_dir():
            files.extend(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        elif path.is_file():
            files.append(path)
    return sorted(files)


def model_hash() -> str:
    digest = hashlib.sha256()
    for path in _files(INPUTS):
        digest.update(str(path.relative_to(REPO_ROOT)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def model_path() -> Path:
    return MODEL_DIR / f"assistant-{model_hash()}.tar.gz"


def main(argv: List[str]) -> int:
    if argv == ["path"]:
        print(model_path())
    elif argv == ["name"]:
        print(model_path().name[: -len(".tar.gz")])
    else:
        print("usage: model_cache.py path|name", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
