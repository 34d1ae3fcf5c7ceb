"""The audit log's JSON text, built with the C encoder made once, is json.dumps' text; the
chain's hashes, computed entry after entry, are each entry's own."""

from __future__ import annotations

import hashlib
import hmac
import json

from hypothesis import given
from hypothesis import strategies as st

from app.services.security.audit_chain import KEYED, KeyedChain, json_text, keyed_hash

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner,
                                                               max_size=4),
    max_leaves=12)


@given(values)
def test_the_text_is_json_dumps_text(value: object) -> None:
    assert json_text(True)(value) == json.dumps(value, ensure_ascii=False, sort_keys=True)
    assert json_text(False)(value) == json.dumps(value, ensure_ascii=False)


# Entries as a bulk load writes them: runs of entries sharing the clock, user and table.
texts = st.text() | st.none()
entries = st.lists(st.tuples(st.sampled_from(["2026-12-02T01:00:00", "2026-12-02T01:00:01"]),
                             st.sampled_from(["demo", "张三", 'a"b\\c']), texts, texts, texts,
                             texts, texts, texts, texts), min_size=1, max_size=8)


@given(st.binary(min_size=1, max_size=40), entries)
def test_a_chain_of_entries_hashes_as_each_entry_alone(key: bytes, rows: list[tuple]) -> None:
    chain = KeyedChain(key)
    prev = ""
    for row in rows:
        alone = keyed_hash(key, prev, list(row))
        assert chain.next(prev, list(row)) == alone
        prev = alone


def test_the_keyed_hash_is_the_one_every_stored_log_was_signed_with() -> None:
    # The definition itself, pinned: a log written by any earlier version must still check.
    payload = json.dumps([KEYED, "", "2026-12-02T01:00:00", "张三", "create", "party", "", "7",
                          "", None, '{"name": "李四"}'], ensure_ascii=False)
    expected = hmac.new(b"k" * 32, payload.encode("utf-8"), hashlib.sha256).hexdigest()
    texts = ["2026-12-02T01:00:00", "张三", "create", "party", "", "7", "", None,
             '{"name": "李四"}']
    assert keyed_hash(b"k" * 32, "", texts) == expected == KeyedChain(b"k" * 32).next("", texts)
    assert KEYED == "hmac-sha256/1"
