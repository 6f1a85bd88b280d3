"""Benchmark: no page's cost grows with total history (`make bench`; issue 12, item 2).

Every page of the route table a person reads (GET), for the same group — the same
people, ramps, entries and help requests, built from the same seed — in a store of
about 1,000,000 events and in one of about 10,000 (tests/bigstore.py builds both
reproducibly and keeps them). Each figure is the median of 9 requests through the Flask
test client in this process (routing, session, queries, rendering; no network), after
one unmeasured request; both stores are open in the same run, page by page, each
signed in as the group's facilitator (its sponsor for the dashboard). Target: every
ratio at most 1.3. SQLite always; PostgreSQL too when LEARNLOOP_TEST_DATABASE_URL is set.
LEARNLOOP_BENCH_LARGE and LEARNLOOP_BENCH_SMALL set the two sizes.
"""

import os
import statistics
import time
from collections.abc import Callable
from uuid import UUID

from flask.testing import FlaskClient

from tests.bigstore import Focus, store
from tests.conftest import make_app, sign_in
from tests.routes import DRAFT
from web import cycle_drafts
from web.cycle_drafts import DraftStore

LARGE = int(os.environ.get("LEARNLOOP_BENCH_LARGE", 1_000_000))
SMALL = int(os.environ.get("LEARNLOOP_BENCH_SMALL", 10_000))
REPEAT = 9


def pages(focus: Focus, draft: str) -> list[tuple[str, str, str]]:
    """(what, who, path) for every page a person reads, about the focal group; `draft`:
    the facilitator's plan for a new cycle, answered but not opened."""
    g, c, r, e = focus.group, focus.open_cycle, focus.reflecting_cycle, focus.entry
    return [
        ("groups (home)", "facilitator", "/"),
        ("dashboard", "sponsor", "/dashboard"),
        ("group", "facilitator", f"/groups/{g}"),
        ("open a cycle", "facilitator", f"/groups/{g}/cycles/new"),
        ("a question of it", "facilitator", f"/groups/{g}/cycles/new/{draft}/questions"),
        ("check your plan", "facilitator", f"/groups/{g}/cycles/new/{draft}/check"),
        ("timeline", "facilitator", f"/groups/{g}/timeline"),
        ("cycle", "facilitator", f"/cycles/{c}"),
        ("revise the plan", "facilitator", f"/cycles/{c}/revise"),
        ("revision history", "facilitator", f"/cycles/{c}/history"),
        ("adapt", "facilitator", f"/cycles/{r}/adapt"),
        ("correct an entry", "facilitator", f"/cycles/{c}/entries/{e}/correct"),
        ("library", "facilitator", "/library"),
        ("library search", "facilitator", "/library?q=discharges"),
        ("library entry", "facilitator", f"/library/{focus.learning}"),
        ("methods", "facilitator", "/methods"),
        ("a method", "facilitator", "/methods/pdsa"),
        ("password", "facilitator", "/account/password"),
        ("readiness probe", "facilitator", "/readyz"),
    ]


def timed(client: FlaskClient, path: str) -> float:
    """The median time of a GET of `path`, in seconds; refuses a page that is not 200."""
    answer = client.get(path)
    assert answer.status_code == 200, f"{path}: {answer.status_code}"
    timings = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        client.get(path)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def clients(url: str, focus: Focus) -> tuple[Callable[[], None], dict[str, FlaskClient], str]:
    """The store's app, closed by the first; its people signed in; and a draft of the
    facilitator's (a plan for a new cycle, every page answered)."""
    flask_app = make_app(url, CATCH_UP_AT_START=True)
    signed_in = {
        "facilitator": sign_in(flask_app.test_client(), UUID(focus.facilitator)),
        "sponsor": sign_in(flask_app.test_client(), UUID(focus.sponsor)),
    }
    drafts: DraftStore = flask_app.extensions[cycle_drafts.KEY]
    draft = drafts.start(UUID(focus.facilitator), UUID(focus.group), DRAFT)
    return flask_app.extensions["learnloop"].close, signed_in, draft


def bench(kind: str) -> None:
    large_url, large = store(kind, LARGE)
    small_url, small = store(kind, SMALL)
    print(f"{kind}: {large.events:,}-event store against {small.events:,}-event store")
    close_large, in_large, large_draft = clients(large_url, large)
    close_small, in_small, small_draft = clients(small_url, small)
    worst = 0.0
    paired = zip(pages(large, large_draft), pages(small, small_draft), strict=True)
    for (what, who, big_path), (_, _, small_path) in paired:
        t_large = timed(in_large[who], big_path)
        t_small = timed(in_small[who], small_path)
        worst = max(worst, t_large / t_small)
        print(
            f"  {what:<18} {t_large * 1000:7.1f} ms vs {t_small * 1000:7.1f} ms:"
            f" ratio {t_large / t_small:.2f}"
        )
    print(f"  worst ratio {worst:.2f} (target <= 1.3)")
    close_large()
    close_small()


def main() -> None:
    kinds = ["sqlite"] + (["postgres"] if os.environ.get("LEARNLOOP_TEST_DATABASE_URL") else [])
    for kind in kinds:
        bench(kind)


if __name__ == "__main__":
    main()
