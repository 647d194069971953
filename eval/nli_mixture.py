"""The training mixture for claimcheck's NLI cross-encoder.

Kept as data, not code, so the model card can list exactly what was trained on and a
change of mixture is a one-line diff. Each entry names a file, where it lives under the
data root, how many rows to take at most (a fixed-seed sample) and a loss weight.

Evaluation-only files (MNLI dev matched/mismatched, the LingNLI EVAL_ONLY file, ConjNLI,
EQUATE, CAD dev/test and everything in eval/ except sick_train) are never listed here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pool:
    path: str  # relative to the data root (../shared/data)
    cap: int | None = None  # at most this many rows, sampled with a fixed seed
    weight: float = 1.0  # multiplies the per-row loss
    long_premise: bool = False  # premises are documents: truncated to max_length
    in_repo: bool = False  # path is relative to the repository (runs/), not the data root
    types: tuple[str, ...] | None = None  # only rows of these mined types (a second, oversampling pass)


MIXTURE: tuple[Pool, ...] = (
    # MNLI-style core (the headline eval is MNLI dev matched)
    Pool("nli/lingnli_train.jsonl.gz"),
    Pool("nli/lingnli_val_nonoverlapping.jsonl.gz"),
    Pool("nli/mnli_train_ppft_subset.jsonl.gz"),
    Pool("nli/mnli_train_taxinli_subset.jsonl.gz"),
    Pool("nli/mnli_train_hans_contradicting.jsonl.gz"),
    Pool("nli/xnli_en_dev.jsonl.gz"),
    Pool("nli/xnli_en_test.jsonl.gz"),
    Pool("nli/anli_r1_dev.jsonl.gz"),
    Pool("nli/anli_r2_dev.jsonl.gz"),
    Pool("nli/anli_r3_dev.jsonl.gz"),
    Pool("nli/dnc_function_words_nli.jsonl.gz"),
    Pool("nli/negation_hossain2020_mnli_snli.jsonl.gz"),
    # SNLI-style
    Pool("nli/snli_train_ppft_subset.jsonl.gz"),
    Pool("nli/snli_train_cad_original_subset.jsonl.gz"),
    Pool("nli/cad_snli_revised_train.jsonl.gz"),
    Pool("nli/snli_dev.jsonl.gz", cap=3000),
    Pool("nli/snli_test.jsonl.gz", cap=3000),
    Pool("eval/sick_train.jsonl"),
    Pool("nli/mpe_multipremise.jsonl.gz", cap=1500),
    # news / claim / evidence domains
    Pool("nli/vania2020_base_news_wiki.jsonl.gz"),
    Pool("nli/fever_gold_evidence_subset.jsonl.gz", cap=4000),
    Pool("nli/fever_dev_gold_evidence.jsonl.gz", cap=2000),
    Pool("nli/fever_symmetric_v02.jsonl.gz"),
    Pool("nli/fool_me_twice_fm2.jsonl.gz"),
    Pool("nli/healthver_devtest.jsonl.gz", cap=1500, long_premise=True),
    Pool("nli/emergent_headline_stance.jsonl.gz", weight=0.5),
    Pool("nli/ambient_disambiguated.jsonl.gz"),
    Pool("nli/nope_presupposition.jsonl.gz"),
    Pool("nli/commitmentbank_cb.jsonl.gz"),
    # 2-way (entailment / not_entailment): trained with a set-valued target
    Pool("nli/rte_glue_train.jsonl.gz", long_premise=True),
    Pool("nli/rte_glue_dev.jsonl.gz", long_premise=True),
    Pool("nli/rte_pascal_rte1to3_nltk.jsonl.gz", long_premise=True),
    Pool("nli/med_monotonicity.jsonl.gz", cap=1500),
    Pool("nli/negation_hossain2020_rte.jsonl.gz", long_premise=True),
    Pool("nli/citation_integrity_sarol2024.jsonl.gz", cap=800, long_premise=True),
    # noisy or templated: small samples, down-weighted
    Pool("nli/dnc_recast_2way.jsonl.gz", cap=2000, weight=0.5),
    Pool("nli/vania2020_sim_translate_noisy.jsonl.gz", cap=2000, weight=0.5),
    Pool("nli/breaking_nli.jsonl.gz", cap=1000, weight=0.5),
)

# Second-stage fine-tuning (warm start from a stage-one model): the MNLI-style and SNLI-style
# human-written pools again, plus small slices of the claim/evidence pools so the news and
# FEVER-style signal learned in stage one is rehearsed rather than forgotten.
CORE: tuple[Pool, ...] = tuple(
    p
    for p in MIXTURE
    if p.path
    in {
        "nli/lingnli_train.jsonl.gz",
        "nli/lingnli_val_nonoverlapping.jsonl.gz",
        "nli/mnli_train_ppft_subset.jsonl.gz",
        "nli/mnli_train_taxinli_subset.jsonl.gz",
        "nli/mnli_train_hans_contradicting.jsonl.gz",
        "nli/xnli_en_dev.jsonl.gz",
        "nli/xnli_en_test.jsonl.gz",
        "nli/anli_r1_dev.jsonl.gz",
        "nli/anli_r2_dev.jsonl.gz",
        "nli/anli_r3_dev.jsonl.gz",
        "nli/negation_hossain2020_mnli_snli.jsonl.gz",
        "nli/snli_train_ppft_subset.jsonl.gz",
        "nli/snli_train_cad_original_subset.jsonl.gz",
        "nli/cad_snli_revised_train.jsonl.gz",
        "eval/sick_train.jsonl",
        "nli/vania2020_base_news_wiki.jsonl.gz",
    }
) + (
    Pool("nli/fever_gold_evidence_subset.jsonl.gz", cap=2000),
    Pool("nli/fool_me_twice_fm2.jsonl.gz", cap=1000),
    Pool("nli/rte_glue_train.jsonl.gz", long_premise=True),
)

# Stage 3: CORE plus pairs mined from the news corpora by eval/mine_news_pairs.py (story-level
# split; the probe stories are never trained on), capped so they are about a fifth of the rows.
CORE_MINED: tuple[Pool, ...] = CORE + (Pool("runs/mined/train.jsonl.gz", cap=30000, in_repo=True),)

# Stage 3b: the mined types the shipped model fails most (swapped actors, antonyms, removed
# negations) are a few hundred rows of 30,000; a second pass over them doubles their share. Their
# matched controls (wrappers, reordering, dropped modifiers) stay in the first pass.
HARD_TYPES = ("actor_swap", "antonym", "negation_remove")
CORE_MINED_HARD: tuple[Pool, ...] = CORE_MINED + (
    Pool("runs/mined/train.jsonl.gz", in_repo=True, types=HARD_TYPES),
)

MIXTURES: dict[str, tuple[Pool, ...]] = {
    "full": MIXTURE,
    "core": CORE,
    "core+mined": CORE_MINED,
    "core+mined+hard": CORE_MINED_HARD,
}
