"""A parallel build writes exactly the files a serial build writes, byte for byte.

Two sites, each built serially (`PARALLEL_BUILD={"workers": 1}`) and in
parallel: the demo site with publishconf.py (so the compressed copies made
after the pages are checked too), and a generated corpus of 60 articles with
pelicanconf.py. Every file of the output is compared.
"""

from pathlib import Path

import pytest

from bench.corpus import generate
from tests.conftest import ROOT
from tests.parallel_build.builds import assert_same_files, build, files, workers_used


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("corpus")
    generate(directory, 60)
    return directory


def test_the_demo_site_is_the_same_built_in_parallel(tmp_path):
    serial_log = build(ROOT / "content", tmp_path / "serial", "publishconf.py", 1)
    parallel_log = build(ROOT / "content", tmp_path / "parallel", "publishconf.py", 3)
    assert "parallel_build" not in serial_log
    assert workers_used(parallel_log)
    assert any(name.endswith("index.html.gz") for name in files(tmp_path / "parallel"))
    assert_same_files(tmp_path / "serial", tmp_path / "parallel")


def test_a_generated_corpus_is_the_same_built_in_parallel(corpus, tmp_path):
    build(corpus, tmp_path / "serial", "pelicanconf.py", 1)
    parallel_log = build(corpus, tmp_path / "parallel", "pelicanconf.py", 2)
    assert workers_used(parallel_log)
    assert len(files(tmp_path / "parallel")) > 60
    assert_same_files(tmp_path / "serial", tmp_path / "parallel")
