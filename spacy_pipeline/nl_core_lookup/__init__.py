"""A Dutch spaCy pipeline that needs nothing outside PyPI.

`nl_core_news_sm` is distributed outside PyPI, so machines that reach only the
package registries cannot install it. This package gives rasa's `SpacyNLP` a
loadable model under the name `nl_core_lookup`: spaCy's Dutch tokenizer plus
the lookup lemmatizer whose tables come from `spacy-lookups-data`
(uitzaaiingen -> uitzaaiing, behandeld -> behandelen).

`spacy.load("nl_core_lookup")` finds it because it is an installed package
with a `load()` function and a `meta.json`, like every spaCy model package.
"""

from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

PACKAGE_DIR = Path(__file__).parent


def load(**overrides: Any) -> Language:
    """Build the pipeline. `overrides` (e.g. disable=["parser"]) are accepted
    for compatibility with spaCy's model-package protocol; there is no parser
    to disable."""
    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    # initialize() loads the lookup table from spacy-lookups-data.
    nlp.initialize()
    # rasa's SpacyNLP refuses models without a path (it treats them as stubs).
    nlp._path = PACKAGE_DIR  # type: ignore[assignment]
    nlp.meta.update({"name": "core_lookup", "version": "1.0.0"})
    return nlp
