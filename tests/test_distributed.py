"""The Ray path (claimcheck.distributed) reports exactly what the local pipeline reports.

Skipped where the optional `ray` extra is not installed. Starts a local two-CPU Ray instance.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ray = pytest.importorskip("ray")

from claimcheck.distributed import check_documents_ray  # noqa: E402
from claimcheck.infra.load import load_corpus  # noqa: E402
from claimcheck.pipeline import Pipeline  # noqa: E402
from claimcheck.verify.nli import load_nli  # noqa: E402
from tests.conftest import SEEDS  # noqa: E402


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def test_ray_run_finds_the_same_findings_as_the_local_run(local_ray, tiny_nli_dir: Path) -> None:
    docs = load_corpus([SEEDS])
    local = Pipeline(nli=load_nli(tiny_nli_dir, precision="fp32")).run(docs)
    remote = check_documents_ray(docs, tiny_nli_dir, precision="fp32", docs_per_batch=2, pairs_per_batch=16)
    assert [c.id for c in remote.claims] == [c.id for c in local.claims]
    assert [(p.a.id, p.b.id) for p in remote.pairs] == [(p.a.id, p.b.id) for p in local.pairs]
    assert {v.method for v in local.verdicts} >= {"quantity", "nli"}  # both kinds of checking ran remotely
    assert [(f.id, f.confidence) for f in remote.findings] == [(f.id, f.confidence) for f in local.findings]
    assert remote.model == local.model
