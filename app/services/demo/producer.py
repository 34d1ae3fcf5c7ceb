"""The demo's rows made in a second process while the first writes the batch before.

A large load is two halves of about the same cost: making a batch's rows (random draws, the
workflow walk, deadlines) and writing them (inserts, the audit entries read back, hashed and
chained). With two cores the halves overlap: a spawned process (spawn everywhere: the GUI calls
the demo from a thread, and Windows has nothing else) runs the same generator code with the same
random state, so the rows are those of one process (a test compares digests), and hands each
batch to the writer through a queue at most two batches ahead. The chain is built by the writer
only, in order, as before.
"""

from __future__ import annotations

import marshal
import multiprocessing
import queue
import traceback
from collections.abc import Iterator
from typing import Any

# rows by table (empty for a table in the last item), the case counters so far, the number of
# cases, by table the audit payloads with the rows bound for the driver (audit.created_rows)
Batch = tuple[dict[str, list[dict[str, Any]]], dict[tuple[int, int], int], int,
              dict[str, Any]]
AHEAD = 2  # batches the maker may be ahead of the writer (memory: ~100 MB each at 5,000)


def _packed(payloads: dict[str, Any]) -> bytes | dict[str, Any]:
    """A batch's audit payloads and bound rows (plain str, int, float, bytes and None: what the
    driver binds) in marshal's format: half the CPU of pickling them on both sides (a tenth of
    a large load's time was pickling). Anything marshal refuses travels as it is."""
    try:
        return marshal.dumps(payloads)
    except ValueError:
        return payloads


def _unpacked(payloads: bytes | dict[str, Any]) -> dict[str, Any]:
    return marshal.loads(payloads) if type(payloads) is bytes else payloads  # type: ignore[no-any-return]


def _put(out: Any, item: Any) -> bool:
    """`out.put(item)`, waiting while the queue is full; False once the parent is gone. A
    parent killed outright (Task Manager, SIGKILL) never stops its child, which would wait on
    the full queue forever, holding its batches' memory."""
    parent = multiprocessing.parent_process()
    while True:
        try:
            out.put(item, timeout=1.0)
            return True
        except queue.Full:
            if parent is not None and not parent.is_alive():
                out.cancel_join_thread()  # nobody reads the pipe: do not wait for it at exit
                return False


def _make(maker_class: type, state: dict[str, Any], args: tuple[Any, ...], out: Any) -> None:
    """The child: the generator's batches into `out`, then None (or the traceback's text)."""
    try:
        maker = maker_class.__new__(maker_class)
        maker.__dict__.update(state)
        for rows, counters, n, payloads in maker.batches(*args):
            if not _put(out, (rows, counters, n, _packed(payloads))):
                return
        _put(out, None)
    except BaseException:  # noqa: BLE001 - the parent raises it; nothing else would see it
        _put(out, traceback.format_exc())


def in_second_process(maker_class: type, state: dict[str, Any], args: tuple[Any, ...],
                      shares: int) -> Iterator[Batch]:
    """The batches `maker_class.batches(*args)` (the DemoGenerator) yields, made in a child
    process with the generator's `state` (its attributes without the service context); the
    class travels by name, so the child imports it.

    The child reads `_share` (0…`shares`) before each batch: how many of the tables it may
    leave for this process to finish (loader.SHARED_ROWS). Before taking each batch this side
    moves it: up one when no batch is waiting (this process would wait: give it more), down
    one when the queue is full (the child waits: take work back)."""
    context = multiprocessing.get_context("spawn")
    out = context.Queue(maxsize=AHEAD)
    share = context.Value("i", 1, lock=False)  # one writer of it: this process
    child = context.Process(target=_make, args=(maker_class, {**state, "_share": share}, args,
                                                out), daemon=True, name="demo-maker")
    child.start()
    try:
        while True:
            if out.empty():
                share.value = min(share.value + 1, shares)
            elif out.full():
                share.value = max(share.value - 1, 0)
            try:
                item = out.get(timeout=1.0)
            except queue.Empty:
                if not child.is_alive():
                    raise RuntimeError(f"演示数据生成进程意外退出（{child.exitcode}）") from None
                continue
            if item is None:
                return
            if isinstance(item, str):
                raise RuntimeError(f"演示数据生成进程出错：\n{item}")
            rows, counters, n, payloads = item
            yield rows, counters, n, _unpacked(payloads)
    finally:
        if child.is_alive():
            child.terminate()  # stopped early (progress said stop, or the writer failed)
        child.join()
        out.close()
