"""Every tunable number of claimcheck, in one place, each with its default and why.

A threshold scattered through the code cannot be reviewed, tuned or reported; here each knob is
a field with a one-line reason (`why(section, name)` returns it, the README's configuration
table is generated from it, and a test keeps the two in step). Sections follow the flow:
extract -> align -> verify -> consistency, plus the loader and the report.

Settings are frozen. Override them from `[tool.claimcheck.settings.<section>]` in a
pyproject.toml or claimcheck.toml, or from the API (`Settings.from_dict({"align":
{"quantity_min_similarity": 0.5}})`); `overrides()` lists what differs from the defaults, and
the JSON report records exactly that.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from claimcheck.core.errors import InputError


def knob(default: Any, why: str) -> Any:
    """A settings field: its default and the one-line reason for it."""
    return field(default=default, metadata={"why": why})


@dataclass(frozen=True)
class ExtractSettings:
    tolerance: float = knob(
        0.1, 'relative half-width of "about 20" ([18, 22]) and depth of "nearly 30" ([27, 30))'
    )
    min_tokens: int = knob(5, "shorter sentences (datelines, captions, bylines) make no claim")
    wrap_min_words: int = knob(12, "a line this long that ends mid-sentence was hard-wrapped: join it")
    year_min: int = knob(1500, "earliest year a four-digit number or a date mention is read as")
    year_max: int = knob(2099, "latest such year; larger four-digit numbers are counts")
    max_age: int = knob(120, "largest number read as a person's age in 'Thanou, 30,'; above it, no age")
    parse_batch_size: int = knob(64, "sentences per spaCy batch: larger batches gain little on 2 cores")
    max_unit_chars: int = knob(
        10_000, "longer lines (a base64 image) are parsed in pieces: spaCy's memory grows with the text"
    )
    parse_batch_chars: int = knob(
        100_000, "characters per spaCy batch at most: parsing holds ~3 KB of memory per character"
    )
    score_window: int = knob(
        6, 'tokens either side of "24-18" searched for a score word ("win over", "a 15-6 deficit")'
    )


@dataclass(frozen=True)
class AlignSettings:
    quantity_min_similarity: float = knob(
        0.45, "masked-sentence similarity two figures of one unit need to be one slot"
    )
    date_min_similarity: float = knob(
        0.55, "dates need more context than figures: a sentence holds few and they repeat across events"
    )
    other_min_similarity: float = knob(
        0.6, "plain claims sent to NLI must be about the same thing, or NLI answers noise"
    )
    neighbours: int = knob(4, "nearest cross-source candidates kept per claim in the NLI block")
    event_min_similarity: float = knob(
        0.5, "sentences paired across kinds for the structural checks (a shared event is required too)"
    )
    event_neighbours: int = knob(
        8, "cross-kind candidates per sentence: the structural checks are free, the event gate is strict"
    )
    interval_neighbours: int = knob(
        32, "quantity/date candidates per claim: arithmetic is free, so look further than NLI"
    )
    unanchored_min_similarity: float = knob(
        0.8, "figures sharing no entity or place must be near-paraphrases (BBC: 3 in 4 were other subjects)"
    )
    near_copy_min_ratio: float = knob(
        0.8,
        "word-sequence match (figures masked) of two sentences that copy one: their figures are one fact"
        " however far apart (a misprint, so the ratio gate does not apply), and their atomic claims pair"
        " part by part",
    )
    edit_min_ratio: float = knob(
        0.7,
        "word-sequence match (figures masked) of two sentences read as one sentence edited: a denied,"
        " opposite or swapped word in them is a conflict (align/edits.py); no dev original pair below"
        " 0.8 was one, and 0.6 caught no more dev plants",
    )
    edit_max_insert: int = knob(
        6, 'words an edited copy may add or drop beside its one edit ("right now", "last year\'s")'
    )
    edit_max_name: int = knob(
        4, "words of the longest name swapped for another: a longer change rewrites a clause"
    )
    edit_modal_reach: int = knob(
        3, 'words after an edit within which "would"/"may" make it a possibility ("MCI and Qwest would be")'
    )
    edit_spelling_ratio: float = knob(
        0.8, 'match of two words with one first letter that are one word spelt two ways ("tons"/"tonnes")'
    )
    place_bonus: float = knob(0.1, "a shared place is slot evidence the sentence similarity misses")
    year_bonus: float = knob(0.05, "a shared year is weaker slot evidence than a shared place")
    frame_bonus: float = knob(
        0.15, "figures or dates whose frames name one measure or event are one slot more often than they read"
    )
    embed_batch_size: int = knob(64, "sentences per MiniLM embedding batch")
    search_chunk: int = knob(1024, "rows of the similarity matrix computed at once (memory bound)")


@dataclass(frozen=True)
class VerifySettings:
    nli_threshold: float = knob(
        0.5, "probability a direction needs for entailment or contradiction (argmax of 3 at most)"
    )
    hedge_discount: float = knob(0.5, "confidence factor for a verdict on a hedged claim")
    confidence_base: float = knob(0.6, "confidence of an interval verdict at the alignment floor")
    confidence_span: float = knob(0.4, "confidence added as similarity rises from the floor to the top")
    confident_similarity: float = knob(0.85, "similarity at which an interval verdict is fully confident")
    rounding_half_width: float = knob(
        0.5, "a figure stands for what rounds to it: half a step of its last digit each side ($9bn ~ $9.3bn)"
    )
    about_steps: float = knob(
        1.0, '"about/nearly/just over" reach this many steps of the last digit: about 9.8 pct is [9.7, 9.9]'
    )
    trailing_zero_share: float = knob(
        0.1, 'a step set by trailing zeros counts this share: "100 dlrs" is often exact, so [95, 105)'
    )
    conflict_max_ratio: float = knob(
        2.0,
        "figures further apart than this factor are two facts, not one fact misreported: every such"
        " pair labelled on the dev news clusters was a different slot (a bank's share vs the total)",
    )
    unheld_min_similarity: float = knob(
        0.92,
        "similarity two disagreeing figures with no shared holder need to be reported: below it, two"
        " stories' figures of unknown owners were different facts on the dev news clusters",
    )
    contradiction_override: float = knob(
        0.9, "NLI contradiction probability above which agreeing figures do not force entailment"
    )
    structure_confidence: float = knob(
        0.7, "raw confidence of a structural verdict (negation, antonym, swapped actor) before calibration"
    )
    nli_batch_size: int = knob(64, "pairs per NLI forward pass: the knee of throughput on 2 cores")
    nli_max_length: int = knob(256, "tokens the cross-encoder reads per pair (a window plus a claim)")
    quantity_parse_batch_size: int = knob(256, "texts per spaCy batch when NLI pairs are parsed for figures")


@dataclass(frozen=True)
class ConsistencySettings:
    max_sentence_chars: int = knob(400, "longer sentences are cut at whitespace (about 100 tokens)")
    window: int = knob(3, "sentences per evidence window: enough for a claim spread over a clause or two")
    stride: int = knob(1, "sentences between window starts: every sentence starts one")
    max_window_chars: int = knob(700, "a window plus a claim stays inside the model's 256 tokens")
    top_sentences: int = knob(2, "best-matching sentences each atomic claim is checked against")
    top_windows: int = knob(1, "best-matching windows each atomic claim is checked against")
    batch_size: int = knob(64, "pairs per NLI forward pass")
    default_threshold: float = knob(0.5, "score cut when no calibration was fitted for the model")


@dataclass(frozen=True)
class LoadSettings:
    max_bytes: int = knob(5_000_000, "larger files are skipped with a warning: no news story is this long")


@dataclass(frozen=True)
class ReportSettings:
    cell_chars: int = knob(
        240, "longer sentences are shortened around their conflicting figures, at word boundaries"
    )
    table_width: int = knob(120, "table width when the output is not a terminal")
    stale_temp_seconds: int = knob(
        3600, "a report's temporary file older than this was left by a killed run: removed"
    )
    label_chars: int = knob(30, "a source labelled by its first line keeps this much of it")
    top_source_pairs: int = knob(3, "pairs of sources named in the summary as disagreeing most")
    progress_delay: float = knob(2.0, "seconds a run goes before its progress bar appears on a terminal")


SECTIONS = {
    "extract": ExtractSettings,
    "align": AlignSettings,
    "verify": VerifySettings,
    "consistency": ConsistencySettings,
    "load": LoadSettings,
    "report": ReportSettings,
}


@dataclass(frozen=True)
class Settings:
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    align: AlignSettings = field(default_factory=AlignSettings)
    verify: VerifySettings = field(default_factory=VerifySettings)
    consistency: ConsistencySettings = field(default_factory=ConsistencySettings)
    load: LoadSettings = field(default_factory=LoadSettings)
    report: ReportSettings = field(default_factory=ReportSettings)

    @classmethod
    def from_dict(cls, data: dict, source: str = "settings") -> Settings:
        """Settings from {section: {name: value}}; unknown names and wrong types are InputErrors."""
        return DEFAULTS.updated(data, source)

    def updated(self, data: dict, source: str = "settings") -> Settings:
        """These settings with the values in {section: {name: value}} replaced."""
        if not isinstance(data, dict):
            raise InputError(f"{source}: settings must be a table of sections ({', '.join(SECTIONS)})")
        sections = {}
        for name, values in data.items():
            if name not in SECTIONS:
                raise InputError(
                    f"{source}: unknown settings section {name!r} (known: {', '.join(SECTIONS)})"
                )
            if not isinstance(values, dict):
                raise InputError(f"{source}: settings.{name} must be a table")
            current = getattr(self, name)
            known = {f.name: f for f in dataclasses.fields(current)}
            changes = {}
            for key, value in values.items():
                if key not in known:
                    raise InputError(
                        f"{source}: unknown setting {name}.{key} (known: {', '.join(sorted(known))})"
                    )
                changes[key] = _coerce(source, f"{name}.{key}", getattr(current, key), value)
            sections[name] = dataclasses.replace(current, **changes)
        return dataclasses.replace(self, **sections)

    def overrides(self) -> dict[str, Any]:
        """{"section.name": value} for every setting that differs from its default, sorted."""
        out = {}
        for name in SECTIONS:
            mine, default = getattr(self, name), getattr(DEFAULTS, name)
            for f in dataclasses.fields(mine):
                if getattr(mine, f.name) != getattr(default, f.name):
                    out[f"{name}.{f.name}"] = getattr(mine, f.name)
        return dict(sorted(out.items()))


def why(section: str, name: str) -> str:
    """The one-line reason for a setting."""
    return next(f.metadata["why"] for f in dataclasses.fields(SECTIONS[section]) if f.name == name)


def table() -> list[tuple[str, Any, str]]:
    """(section.name, default, why) for every setting, in declaration order (the README table)."""
    return [
        (f"{name}.{f.name}", f.default, f.metadata["why"])
        for name, cls in SECTIONS.items()
        for f in dataclasses.fields(cls)
    ]


def _coerce(source: str, key: str, default: Any, value: Any) -> Any:
    """The value with the default's type: ints stay ints, an int is accepted for a float."""
    if isinstance(default, bool) or isinstance(value, bool):
        raise InputError(f"{source}: {key} must be a number, not {value!r}")
    if isinstance(default, int):
        if not isinstance(value, int):
            raise InputError(f"{source}: {key} must be a whole number, not {value!r}")
        return value
    if not isinstance(value, int | float):
        raise InputError(f"{source}: {key} must be a number, not {value!r}")
    return float(value)


DEFAULTS = Settings()
