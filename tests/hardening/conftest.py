"""Hostile and fuzzed files meet both .xlsx readers: every defence must hold on each."""

import pytest


@pytest.fixture(autouse=True)
def each_reader(reader: str) -> str:
    return reader
