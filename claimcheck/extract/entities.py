"""Canonical names for entity mentions, so "U.S." and "United States" count as one actor.

A small alias table rather than an entity linker: the seeds need a handful of aliases,
and an offline linker with its own knowledge base would dwarf the rest of the tool.
"""

from __future__ import annotations

import re
import unicodedata

ALIASES: dict[str, str] = {
    "us": "United States",
    "u.s.": "United States",
    "u.s": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "united states": "United States",
    "united states of america": "United States",
    "america": "United States",
    "washington": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "united kingdom": "United Kingdom",
    "eu": "European Union",
    "european union": "European Union",
    "nato": "NATO",
    "zelenskyy": "Zelensky",
    "zelenskiy": "Zelensky",
    "zelensky": "Zelensky",
    "volodymyr zelensky": "Zelensky",
    "volodymyr zelenskyy": "Zelensky",
    "president zelensky": "Zelensky",
    "kiev": "Kyiv",
    "kyiv": "Kyiv",
    "russian federation": "Russia",
    "kremlin": "Russia",
    "moscow": "Russia",
}
_DROP = re.compile(
    r"^(the|president|prime minister|chancellor|secretary general|mr\.?|ms\.?|mrs\.?)\s+", re.I
)
_POSSESSIVE = re.compile(r"(['’]s|['’])$")


def canonical(name: str) -> str:
    """The canonical form of an entity mention; unknown names keep their own spelling."""
    text = unicodedata.normalize("NFKC", name).strip().strip("\"“”'’")
    text = _POSSESSIVE.sub("", text).strip()
    while (stripped := _DROP.sub("", text)) != text:
        text = stripped
    key = re.sub(r"\s+", " ", text.lower())
    if key in ALIASES:
        return ALIASES[key]
    last = key.split(" ")[-1]
    if last in ALIASES and ALIASES[last] in ("Zelensky",):
        return ALIASES[last]
    return " ".join(text.split())
