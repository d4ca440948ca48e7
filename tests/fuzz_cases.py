"""A fixed set of malformed requests for the REST webhook (and benchmarks).

Deterministic (seeded): invalid JSON, wrong-typed fields, empty and 1 MB
bodies, control characters, unusual Unicode, very long sender ids, odd
content types. Every one must get a 4xx or a normal 200 reply, never a 5xx.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from typing import Any, Dict, List

JSON = {"Content-Type": "application/json"}


@dataclass(frozen=True)
class Case:
    name: str
    body: bytes
    headers: Dict[str, str] = field(default_factory=lambda: dict(JSON))


def _json(name: str, value: Any) -> Case:
    return Case(name, json.dumps(value, ensure_ascii=False).encode("utf-8"))


WEIRD_VALUES: List[Any] = [
    None, True, False, 0, -1, 3.14, 1e308, [], [1, 2], {}, {"a": 1}, "", " ", "\n\t",
    "x" * 10_000, 12345678901234567890,
]  # fmt: skip

WEIRD_TEXTS: List[str] = [
    "\x00", "hallo\x00wereld", "\x1b[31mrood\x1b[0m", "\u202eesrever", "\ufeffhallo", "\ud7ff",
    "🙂" * 50, "👩‍👩‍👧‍👦", "Z̷̢̛a̵l̴g̸o̶", "ﷺ", "𝕳𝖆𝖑𝖑𝖔", "\u200b\u200b\u200b", "\r\n\r\n",
    "<script>alert(1)</script>", "'; DROP TABLE events; --", "${ACTION_SERVER_URL}", "{{7*7}}",
    "/restart", "/ask_nonexistent", "/greet{\"x\": 1}", "/", "//", "/ask_", "\\u0000",
    "a" * 2000, "é" * 1999, "ß" * 2000,
]  # fmt: skip


def malformed_requests(seed: int = 10) -> List[Case]:
    rng = random.Random(seed)
    cases: List[Case] = [
        Case("empty body", b""),
        Case("one space", b" "),
        Case("1 MB of x", b"x" * 1_000_000),
        Case("1 MB JSON message", json.dumps({"sender": "big", "message": "a" * 1_000_000}).encode()),
        Case("1 MB JSON sender", json.dumps({"sender": "s" * 1_000_000, "message": "hallo"}).encode()),
        Case("deeply nested", b"[" * 5000 + b"]" * 5000),
        Case("deeply nested metadata", b'{"sender":"x","message":"hallo","metadata":' + b'{"a":' * 3000 + b"1" + b"}" * 3001),
        Case("invalid utf-8", b'{"sender": "x", "message": "\xff\xfe"}'),
        Case("latin-1 body", '{"sender": "x", "message": "café"}'.encode("latin-1")),
        Case("utf-16 body", '{"sender": "x", "message": "hallo"}'.encode("utf-16")),
        Case("NaN", b'{"sender": "x", "message": NaN}'),
        Case("duplicate keys", b'{"sender": "x", "message": "hallo", "message": 5}'),
        Case("trailing garbage", b'{"sender": "x", "message": "hallo"} trailing'),
        Case("form encoded", b"sender=x&message=hallo", {"Content-Type": "application/x-www-form-urlencoded"}),
        Case("text/plain", b'{"sender": "x", "message": "hallo"}', {"Content-Type": "text/plain"}),
        Case("no content type", b'{"sender": "x", "message": "hallo"}', {}),
        Case("multipart junk", b"--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--", {"Content-Type": "multipart/form-data; boundary=b"}),
    ]  # fmt: skip
    for index, value in enumerate(WEIRD_VALUES):
        cases.append(_json(f"message is {index}", {"sender": "fuzz", "message": value}))
        cases.append(_json(f"sender is {index}", {"sender": value, "message": "hallo"}))
        cases.append(_json(f"metadata is {index}", {"sender": "fuzz", "message": "hallo", "metadata": value}))
        cases.append(_json(f"body is {index}", value))
    for index, text in enumerate(WEIRD_TEXTS):
        cases.append(_json(f"text {index}", {"sender": f"fuzz-text-{index}", "message": text}))
        cases.append(_json(f"sender text {index}", {"sender": text, "message": "hallo"}))
    for length in (128, 129, 255, 256, 1000, 100_000):
        cases.append(_json(f"sender of {length}", {"sender": "s" * length, "message": "hallo"}))
    while len(cases) < 220:
        # Random bytes, and valid JSON objects with a byte flipped.
        if rng.random() < 0.5:
            cases.append(
                Case(
                    f"random bytes {len(cases)}",
                    bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300))),
                )
            )
        else:
            raw = bytearray(
                json.dumps(
                    {"sender": f"r{len(cases)}", "message": "hoe worden botuitzaaiingen behandeld"}
                ).encode()
            )
            raw[rng.randrange(len(raw))] = rng.randrange(256)
            cases.append(Case(f"flipped byte {len(cases)}", bytes(raw)))
    return cases
