"""The audit log's chain: each entry's hash over its fields' text and its predecessor's hash,
and that text (`to_text`, `json_text`).

`keyed_hash` is the definition (HMAC-SHA256 of a JSON list); `KeyedChain` computes the same
hashes for many entries in a row, as a bulk load and `check` do: the key's HMAC pads are made
once, and the JSON text of fields that repeat from entry to entry (the clock instant, the user,
the table) is made once while they repeat. A million-case demo writes about 21 million entries:
each microsecond here is 21 seconds of the load. A test compares both with random entries.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any


def json_text(sort_keys: bool) -> Callable[[Any], str]:
    """`json.JSONEncoder(ensure_ascii=False, sort_keys=sort_keys).encode`, the same text, with
    the C encoder made once: json.dumps with options builds a JSONEncoder per call (a tenth of a
    bulk load's time), and encode() still builds a C encoder per call (a fifth of what was left).
    Without the C accelerator, encode() itself."""
    model = json.JSONEncoder(ensure_ascii=False, sort_keys=sort_keys)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return model.encode
    chunks = make(None, model.default, json.encoder.encode_basestring, None,
                  model.key_separator, model.item_separator, sort_keys, False, True)

    def encode(value: Any) -> str:
        return model.encode(value) if type(value) is str else "".join(chunks(value, 0))

    return encode


JSON_TEXT = json_text(False)
SORTED_JSON_TEXT = json_text(True)


def _decimal_text(value: Decimal) -> str:
    return format(value, "f")


# to_text by exact type, the common cases of a row without the isinstance chain (a bulk load
# converts millions of values); subclasses and anything else take the chain below.
_BY_TYPE: dict[type, Any] = {datetime: datetime.isoformat, date: date.isoformat,
                             Decimal: _decimal_text, dict: SORTED_JSON_TEXT, list: SORTED_JSON_TEXT,
                             int: str, bool: str, float: str}


def to_text(value: Any) -> str | None:
    if value is None or type(value) is str:
        return value
    convert = _BY_TYPE.get(type(value))
    if convert is not None:
        return convert(value)  # type: ignore[no-any-return]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (dict, list)):
        # An empty one (an event's data, a deadline's warnings) without the encoder.
        return SORTED_JSON_TEXT(value) if value else "{}" if type(value) is dict else "[]"
    return str(value)


KEYED = "hmac-sha256/1"  # first element of a keyed entry's payload: never equal to a plain hash
_SEPARATOR = ", "  # json.dumps' item separator


def plain_hash(prev_hash: str, texts: list[str | None]) -> str:
    """The entry hash before the log was keyed (HASH_FIELDS already as text)."""
    payload = json.dumps([prev_hash, *texts], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _json(value: str | None) -> str:
    """One element of the payload list as json.dumps(ensure_ascii=False) writes it."""
    return "null" if value is None else encode_basestring(value)


def keyed_hash(key: bytes, prev_hash: str, texts: list[str | None]) -> str:
    """HMAC-SHA256 of the HASH_FIELDS as text and the predecessor's hash: without the key
    nobody can write an entry, or recompute the chain after changing one, that `check` accepts."""
    payload = json.dumps([KEYED, prev_hash, *texts], ensure_ascii=False)
    return hmac.digest(key, payload.encode("utf-8"), "sha256").hex()


class KeyedChain:
    """`keyed_hash(key, prev, texts)` for entry after entry. texts are the nine HASH_FIELDS
    (at, user, action, entity, entity_id, case_id, field, old_value, new_value): the ones
    that change from entry to entry in a bulk load (case_id, new_value, and the predecessor's
    hash) are encoded each time, the others' JSON kept while they stay the same."""

    def __init__(self, key: bytes) -> None:
        self._mac: Any = hmac.new(key, digestmod=hashlib.sha256)
        self._fixed: tuple[str | None, ...] | None = None
        self._middle = self._tail = ""

    def next(self, prev_hash: str, texts: list[str | None]) -> str:
        at, user, action, entity, entity_id, case_id, field, old, new = texts
        fixed = (at, user, action, entity, entity_id, field, old)
        if fixed != self._fixed:
            self._fixed = fixed
            self._middle = _SEPARATOR + _SEPARATOR.join(
                map(_json, (at, user, action, entity, entity_id))) + _SEPARATOR
            self._tail = _SEPARATOR + _json(field) + _SEPARATOR + _json(old) + _SEPARATOR
        payload = (f'["{KEYED}", {encode_basestring(prev_hash)}{self._middle}'
                   f"{_json(case_id)}{self._tail}{_json(new)}]")
        mac = self._mac.copy()
        mac.update(payload.encode("utf-8"))
        return mac.hexdigest()  # type: ignore[no-any-return]
