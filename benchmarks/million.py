"""`make bench` at a million cases (BENCH_CASES=1000000): the figures that must stay within ×2
of their 100,000-case values (issue 21), measured on both databases in the same run."""

from __future__ import annotations

from app.bootstrap import Services
from app.services.cases.dto import CaseQuery
from benchmarks.run import CASES, MILLION_GROWTH, SEARCHES, growth_figures, median_ms, prepare

CHECKED = ("search", "first page", "open", "due", "workbench", "statistics month")


def against_100k(services: Services, after: dict[str, tuple[float, float]]) -> None:
    """`after`: this run's `growth_figures` on the million-case database (`services`).

    A term with more hits at a million lists a fuller page (王伟: 22 cases at 100,000, 200 of
    275 at a million, with 1,730 parties to name), so each such search is also timed with the
    page as long as at 100,000: what the extra cases cost, apart from what the fuller page does."""
    hundred = prepare(100_000)
    try:
        base = growth_figures(hundred)
        pages = {term: len(hundred.cases.list_cases(CaseQuery(search=term, limit=200)).rows)
                 for _, term, _ in SEARCHES}
        short = {term: median_ms(lambda t=term: hundred.cases.list_cases(
            CaseQuery(search=t, limit=pages[t]))) for term in pages if pages[term] < 200}
    finally:
        hundred.close()
    for label in [k for k in after if k.startswith(CHECKED)]:
        growth = after[label][0] / base[label][0] if base[label][0] else float("inf")
        verdict = "within" if growth <= MILLION_GROWTH else "OVER"
        print(f"{CASES:,} vs 100,000: {label:<31} ×{growth:5.1f}"
              f" (budget ×{MILLION_GROWTH:g}: {verdict})")
    for term, was in short.items():
        ms = median_ms(lambda t=term: services.cases.list_cases(
            CaseQuery(search=t, limit=pages[t])))
        print(f"{CASES:,} vs 100,000: search {term}, a page of {pages[term]} as at 100,000"
              f"   {was:.2f} ms → {ms:.2f} ms: ×{ms / was:4.1f}")
