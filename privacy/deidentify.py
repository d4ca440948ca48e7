"""De-identify Dutch user texts before they are stored, with deduce.

deduce (UMC Utrecht) replaces names, phone numbers, e-mail addresses, BSN,
addresses, places, dates, ages and other identifiers with tags such as
[PERSOON-1] or [TELEFOONNUMMER-1]. Version 3.0.0 is the last one that fits
rasa 3.6's `regex` pin; its wheel lacks the base configuration, which this
package ships (deduce_base_config.json, from deduce's v3.0.0 tag).

The first load builds deduce's lookup structures (about 1.5 minutes, once per
install; `python -m privacy.deidentify` does it during set-up), later loads
read them from deduce's cache.
"""

from __future__ import annotations

import gc
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

CONFIG_PATH = Path(__file__).with_name("deduce_base_config.json")


@lru_cache(maxsize=1)
def _deduce() -> Any:
    from deduce import Deduce

    deduce = Deduce(load_base_config=False, config=str(CONFIG_PATH))
    # deduce's lookup structures are millions of long-lived objects: keep them
    # out of the garbage collector's full scans (which would otherwise walk
    # them again and again while the server answers messages).
    gc.collect()
    gc.freeze()
    return deduce


def deidentify(text: str) -> str:
    """`text` with personal identifiers replaced by tags."""
    if not text or not any(character.isalnum() for character in text):
        return text
    return str(_deduce().deidentify(text).deidentified_text)


def warm_up() -> float:
    """Load deduce (building its cache if needed); returns the seconds it took."""
    started = time.perf_counter()
    _deduce()
    return time.perf_counter() - started


if __name__ == "__main__":
    print(f"deduce ready in {warm_up():.1f} s", file=sys.stderr)
