"""read_batches: files read in turn, each seeing the measures the files before it defined."""

from __future__ import annotations

import pytest

from perfcli import Workspace
from perfcli.importers.batches import context_for, read_batches


@pytest.mark.parametrize("asked_after", [True, False])
def test_each_file_sees_the_measures_before_it_and_the_context_learns_the_last_when_asked(
    example, asked_after
):
    folder = Workspace.open(example).folder
    # The 2021/22 dashboard last: it holds measures the later ones dropped.
    files = sorted((example / "data").glob("*.xlsx"), reverse=True)
    ctx = context_for(folder, None)
    batches = read_batches(files, ctx, asked_after=asked_after)
    alone = read_batches(files, context_for(folder, None))
    assert [sorted(b.measures) for b in batches] == [sorted(b.measures) for b in alone]
    earlier = {mid for batch in batches[:-1] for mid in batch.measures}
    only_last = set(batches[-1].measures) - earlier
    assert len(files) == 3 and earlier and only_last
    assert earlier <= ctx.stored.keys()
    assert (only_last <= ctx.stored.keys()) is asked_after
