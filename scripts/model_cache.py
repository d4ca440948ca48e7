"""Print the cached model's path or name (see launcher/model_cache.py).

python scripts/model_cache.py path   # models/assistant-<hash>.tar.gz
"""

from __future__ import annotations

import sys

from launcher.model_cache import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
