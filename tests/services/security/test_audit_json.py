"""The audit log's JSON text, built with the C encoder made once, is json.dumps' text."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from app.services.security.audit import json_text

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner,
                                                               max_size=4),
    max_leaves=12)


@given(values)
def test_the_text_is_json_dumps_text(value: object) -> None:
    assert json_text(True)(value) == json.dumps(value, ensure_ascii=False, sort_keys=True)
    assert json_text(False)(value) == json.dumps(value, ensure_ascii=False)
