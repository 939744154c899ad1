"""The GDELT query on Spark, for real: the README's Spark recipe, run on local-mode PySpark over the
shipped GDELT 2.0 samples, gives what `ingest gdelt` gives once `ingest aggregates` reads its output.

Needs Java (Debian's default-jre-headless; `.ci/run` installs it) and pyspark (the test extra).
Skipped without them on a workstation; under CI (``CI`` set) a missing one is a failure."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from graph.ingest import ingest_aggregates, ingest_gdelt

ROOT = Path(__file__).parent.parent
SAMPLES = [ROOT / "tests" / "fixtures" / "gdelt" / name
           for name in ("gdelt2_export_20191024143000.tsv", "gdelt2_statedyads_20201113-15.tsv")]


def _needed() -> None:
    missing = [what for what, ok in (("java", shutil.which("java")), ("pyspark", _has_pyspark())) if not ok]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the Spark test: {', '.join(missing)} missing (see .ci/run)")
        pytest.skip(f"needs {', '.join(missing)}")


def _has_pyspark() -> bool:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    return True


def readme_recipe() -> str:
    """The Python block of the README that follows "On Spark": the test runs that text, not a copy."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    after = text[text.index("On Spark, register the GDELT files"):]
    return re.search(r"```python\n(.*?)```", after, re.S).group(1)


@pytest.fixture
def spark(tmp_path, monkeypatch):
    _needed()
    # before the JVM starts: it resolves the recipe's relative paths against its own start folder
    monkeypatch.chdir(tmp_path)
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("geograph-test")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_the_readmes_spark_recipe_gives_what_ingest_gdelt_gives(spark, tmp_path):
    (tmp_path / "gdelt").mkdir()
    for sample in SAMPLES:  # named as GDELT's own files are, so the recipe's glob finds them
        shutil.copy(sample, tmp_path / "gdelt" / f"{sample.stem}.export.CSV")
    exec(compile(readme_recipe(), "README.md (Spark recipe)", "exec"), {"spark": spark})
    shards = sorted((tmp_path / "gdelt_months").glob("part-*.csv"))
    assert shards, "the recipe wrote no CSV"
    from_spark = ingest_aggregates(shards)
    direct = ingest_gdelt(SAMPLES)
    keys = ["source", "target", "period"]
    ours = direct.aggregates.sort_values(keys).reset_index(drop=True)
    theirs = from_spark.aggregates.sort_values(keys).reset_index(drop=True)
    pd.testing.assert_frame_equal(theirs, ours, check_exact=False, atol=1e-6)
    assert [(r.id, r.weight, r.evidence) for r in from_spark.relations] == [
        (r.id, r.weight, r.evidence) for r in direct.relations]
    assert len(direct.relations) > 10
