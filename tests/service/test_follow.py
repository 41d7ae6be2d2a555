"""A reader process follows the serving process's checkpoints (service/sparql/follow.py): a newer
checkpoint is noticed before the next query by reading the mapped publication count
(service/store/checkpoints.py), without a system call per query."""

from __future__ import annotations

import os

import pytest

from spbe_kg.service.sparql.follow import FollowingStore
from spbe_kg.service.store import checkpoints
from spbe_kg.service.store.embedded import EmbeddedStore


@pytest.fixture()
def primary(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    store.enable_snapshots()
    yield store
    store.close()


def test_every_write_is_seen_before_the_next_query(primary):
    follow = FollowingStore(primary.snapshot().parent)
    try:
        assert follow.current() is None
        first = follow.switch()
        for i in range(3):
            assert follow.current() is first  # unchanged until a write
            primary.update(f"INSERT DATA {{ <urn:s{i}> <urn:p> <urn:o> }}")
            assert follow.current() is None  # the count moved: switch first
            now = follow.switch()
            assert len(list(now.query("SELECT * { ?s ?p ?o }"))) == i + 1
            first = now
    finally:
        follow.close()


def test_checking_for_a_newer_checkpoint_makes_no_system_call(primary, monkeypatch):
    follow = FollowingStore(primary.snapshot().parent)
    try:
        store = follow.switch()

        def no_stat(*a, **k):
            raise AssertionError("stat on the query path")

        monkeypatch.setattr(os, "stat", no_stat)
        assert all(follow.current() is store for _ in range(100))
    finally:
        follow.close()


def test_before_the_first_publication_the_pointer_is_watched(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    follow = FollowingStore(root)
    assert checkpoints.counter(root) is None and follow.current() is None
    target = root / "g1"
    EmbeddedStore(target).close()
    checkpoints.publish(root, target)
    try:
        assert follow.switch() is follow.current()  # mapped now
        assert follow._count is not None
    finally:
        follow.close()
