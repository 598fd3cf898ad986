"""Results over time and the plan to take away, on the quiz page, at phone and desktop sizes in
both palettes: results are saved, compared, exported, imported (merged, bad files refused with a
reason) and deleted; the plan is limited to three picks, prints alone, and downloads as an HTML
file and as an .ics calendar that icalendar parses; axe finds nothing in any of these states.

Most tests hold the engine back (no Python boots) and hand the page results the way the quiz
does, as `quiz:result` events carrying CPython's result dictionaries; one test takes the quiz for
real and checks that the result it shows is the one recorded.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import icalendar
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect

from devtools.server import headers_from_file, serve
from macros.guide_data import load_guide
from macros.quiz_history import HISTORY_FORMAT, HISTORY_KEY
from quiz import load_personas, score
from tests.browser.quiz_helpers import opened
from tests.browser.quiz_steps import finish_quiz, hold_engine, poll
from tests.browser.test_a11y import PALETTES, violations, wait_for_palette
from tests.browser.test_csp import LISTEN_FOR_VIOLATIONS

SIZES: dict[str, ViewportSize] = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 900},
}
HISTORY = "[data-module=quiz-history]"
PLAN = "[data-module=quiz-plan]"
PERSONAS = {p.id: p for p in load_personas()}


def result_of(persona: str) -> dict[str, Any]:
    return score(PERSONAS[persona].answers).to_dict()


def send(page: Page, result: dict[str, Any], *, fresh: bool = True) -> None:
    """What quiz-form.js does when it shows a result: a bubbling quiz:result on its root."""
    page.evaluate(
        """([result, fresh]) => document.querySelector('[data-quiz]').dispatchEvent(
             new CustomEvent('quiz:result',
                             {bubbles: true, detail: {result, answers: {}, fresh}}))""",
        [result, fresh],
    )


def stored(page: Page) -> Any:
    return page.evaluate(f"JSON.parse(localStorage.getItem({HISTORY_KEY!r}) ?? 'null')")


def clean_axe(page: Page, label: str) -> None:
    assert violations(page, label) == []


@pytest.fixture(params=sorted(SIZES))
def size(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(params=sorted(PALETTES))
def palette(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def strict_url(site_dir: Path) -> Iterator[str]:
    """The site served with the policy its build computed: downloads made from Blob URLs, the
    file picker and the drawn lines must all work under it."""
    with serve(site_dir, headers=headers_from_file(site_dir / "_headers")) as url:
        yield url


@pytest.fixture
def context(browser: Browser, strict_url: str, size: str, palette: str) -> Iterator[BrowserContext]:
    media, _ = PALETTES[palette]
    ctx = browser.new_context(
        base_url=strict_url,
        viewport=SIZES[size],
        color_scheme=media,  # type: ignore[arg-type]
        accept_downloads=True,
    )
    ctx.add_init_script(LISTEN_FOR_VIOLATIONS)
    errors: list[str] = []
    ctx.on("weberror", lambda error: errors.append(str(error.error)))
    hold_engine(ctx)
    yield ctx
    for page in ctx.pages:
        assert page.evaluate("window.__cspViolations") == []
    assert errors == []
    ctx.close()


@pytest.fixture
def quiz_page(context: BrowserContext, palette: str) -> Page:
    page = context.new_page()
    page.goto("quiz/")
    opened(page)
    wait_for_palette(page, PALETTES[palette][1])
    expect(page.locator(HISTORY)).to_be_visible()
    return page


def test_history_is_saved_compared_exported_imported_and_deleted(
    quiz_page: Page, tmp_path: Path, size: str, palette: str
) -> None:
    page = quiz_page
    history = page.locator(HISTORY)
    label = f"history {size} {palette}"
    count = history.locator("[data-history-count]")
    expect(count).to_have_text("No result is saved in this browser yet.")
    clean_axe(page, f"{label}, empty")

    first, second = result_of("strict-separator"), result_of("separator-after-hours")
    send(page, first)
    send(page, first)  # the same result asked for again is not a second record
    send(page, second, fresh=False)  # a saved result re-shown on load is not a new record
    expect(count).to_have_text("1 result is saved in this browser.")
    saved = stored(page)
    assert len(saved["results"]) == 1
    record = saved["results"][0]
    # Exactly what the page says is kept: date, quiz version, scale scores, suggested slugs.
    assert set(record) == {"at", "quiz", "scores", "recommendations"}
    assert record["scores"] == {s["id"]: s["score"] for s in first["scales"]}
    assert record["recommendations"] == [
        item["slug"]
        for item in sorted(
            (i for g in first["recommendations"] for i in g["items"]), key=lambda i: i["rank"]
        )
    ]
    expect(history.locator("[data-history-since]")).to_be_hidden()

    send(page, second)
    expect(count).to_have_text("2 results are saved in this browser.")
    since = history.locator("[data-history-since]")
    expect(since).to_be_visible()
    rows = since.locator("[data-history-since-list] > li")
    expect(rows).to_have_count(len(second["scales"]))
    for index, scale in enumerate(second["scales"]):
        before = next(s["score"] for s in first["scales"] if s["id"] == scale["id"])
        now, delta = scale["score"], scale["score"] - before
        row = rows.nth(index)
        assert row.get_attribute("data-scale") == scale["id"]
        name = scale["label"] + (
            f" ({scale['direction_label']})" if scale["direction_label"] else ""
        )
        expect(row.locator(".quiz-history__name")).to_have_text(name)
        if delta == 0:
            wanted = f"{now} then and now: no change"
        else:
            way = "up" if delta > 0 else "down"
            points = "1 point" if abs(delta) == 1 else f"{abs(delta)} points"
            wanted = f"{before} then, {now} now: {way} {points}"
        expect(row.locator(".quiz-history__values")).to_have_text(wanted)
        expect(row.locator("svg circle")).to_have_count(2)
    table = history.locator("[data-history-all] table")
    expect(table.locator("thead th")).to_have_count(3)
    expect(table.locator("tbody tr")).to_have_count(len(second["scales"]))
    clean_axe(page, f"{label}, two results")

    with page.expect_download() as download_info:
        history.locator("[data-history-export]").click()
    download = download_info.value
    assert download.suggested_filename.startswith("my-quiz-results-")
    exported = tmp_path / "results.json"
    download.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == HISTORY_FORMAT
    assert data["version"] == 1
    assert data["results"] == stored(page)["results"]

    history.locator("[data-history-delete]").click()
    assert stored(page) is None  # nothing at all is left in storage
    expect(count).to_have_text("No result is saved in this browser yet.")
    expect(since).to_be_hidden()
    expect(history.locator("[data-history-message]")).to_have_text(
        "Every saved result was deleted from this browser."
    )

    picker = history.locator("[data-history-import]")
    picker.set_input_files(exported)
    expect(count).to_have_text("2 results are saved in this browser.")
    expect(history.locator("[data-history-message]")).to_have_text(
        "2 added from the file; 0 already here. Nothing was removed."
    )
    assert stored(page)["results"] == data["results"]
    picker.set_input_files(exported)  # a second import adds nothing twice
    expect(history.locator("[data-history-message]")).to_have_text(
        "0 added from the file; 2 already here. Nothing was removed."
    )

    # Bad files are refused whole, with the reason, and change nothing.
    bad = {
        "not-json.json": ("{ nope", "it is not JSON at all"),
        "other.json": (json.dumps({"results": []}), "not a results file exported from this guide"),
        "newer.json": (json.dumps({**data, "version": 9}), "newer version of this guide"),
        "damaged.json": (
            json.dumps({**data, "results": [data["results"][0], {**record, "scores": {"x": 140}}]}),
            "Result 2 in that file is damaged (its scores must be whole numbers from 0 to 100)",
        ),
    }
    for name, (text, reason) in bad.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        picker.set_input_files(path)
        expect(history.locator("[data-history-message]")).to_contain_text(reason)
        expect(history.locator("[data-history-message]")).to_contain_text("Nothing was changed.")
        assert stored(page)["results"] == data["results"]
    clean_axe(page, f"{label}, import refused")

    # Saving off: a new result is not kept, the choice is, and it survives a reload.
    history.locator("[data-history-keep]").uncheck()
    expect(history.locator("[data-history-message]")).to_contain_text("Saving is off")
    send(page, result_of("caregiver"))
    assert len(stored(page)["results"]) == 2
    assert stored(page)["keep"] is False
    picker.set_input_files(exported)
    expect(history.locator("[data-history-message]")).to_have_text(
        "Saving is off, so nothing can be imported. Turn saving on first."
    )
    history.locator("[data-history-delete]").click()
    assert stored(page) == {"keep": False, "results": []}
    expect(history.locator("[data-history-message]")).to_contain_text(
        "Only your choice to keep saving off is still stored."
    )
    page.reload()
    opened(page)
    expect(page.locator(f"{HISTORY} [data-history-keep]")).not_to_be_checked()
    clean_axe(page, f"{label}, saving off")


def test_plan_picks_three_prints_saves_and_makes_a_calendar(
    quiz_page: Page, tmp_path: Path, size: str, palette: str
) -> None:
    page = quiz_page
    plan = page.locator(PLAN)
    expect(plan).to_be_hidden()  # no result, no plan
    result = result_of("strict-separator")
    send(page, result, fresh=False)
    expect(plan).to_be_visible()
    links = json.loads(page.locator("[data-quiz-links]").text_content() or "{}")
    slugs = [
        i["slug"]
        for i in sorted(
            (i for g in result["recommendations"] for i in g["items"]), key=lambda i: i["rank"]
        )
    ]
    choices = plan.locator("[data-plan-choices] input[type=checkbox]")
    expect(choices).to_have_count(len(slugs))
    for index, slug in enumerate(slugs):
        expect(plan.locator("[data-plan-choices] > li").nth(index).locator("label")).to_have_text(
            links[slug]["title"]
        )

    plan.locator("[data-plan-print]").click()
    expect(plan.locator("[data-plan-message]")).to_have_text("Pick at least one suggestion first.")

    guide = load_guide()
    routines = {p.slug: p.routine for p in guide.habits if p.routine}
    assert len(slugs) >= 4
    assert sum(s in routines for s in slugs) >= 2
    for slug in slugs[:3]:
        plan.locator(f'input[value="{slug}"]').check()
    fourth = plan.locator(f'input[value="{slugs[3]}"]')
    fourth.click()
    expect(fourth).not_to_be_checked()
    expect(plan.locator("[data-plan-message]")).to_contain_text(
        f"You can pick up to 3. To pick “{links[slugs[3]]['title']}”"
    )
    expect(plan.locator("[data-plan-count]")).to_have_text("3 of 3 picked.")
    entries = plan.locator("[data-plan-list] > li")
    expect(entries).to_have_count(3)
    for index, slug in enumerate(slugs[:3]):
        entry = entries.nth(index)
        expect(entry.locator("h4")).to_have_text(links[slug]["title"])
        reason = next(
            i["reason"] for g in result["recommendations"] for i in g["items"] if i["slug"] == slug
        )
        expect(entry.locator(".quiz-plan__reason")).to_have_text(reason)
        expect(entry.locator(".quiz-plan__when")).to_have_count(1 if slug in routines else 0)
    clean_axe(page, f"plan {size} {palette}, three picked")

    # Printed, the plan is alone on one page.
    page.evaluate("document.documentElement.classList.add('quiz-plan-printing')")
    page.emulate_media(media="print")
    expect(plan.locator("[data-plan-sheet]")).to_be_visible()
    for hidden in ("[data-quiz-form]", "[data-plan-form]", HISTORY, "h1"):
        expect(page.locator(hidden).first).to_be_hidden()
    pdf = page.pdf()
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1
    page.emulate_media(media="screen")
    page.evaluate("document.documentElement.classList.remove('quiz-plan-printing')")

    with page.expect_download() as saved_info:
        plan.locator("[data-plan-save]").click()
    saved = saved_info.value
    assert saved.suggested_filename == "my-plan.html"
    html = Path(saved.path()).read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>My plan</title>" in html
    assert "<style>body{" in html
    for slug in slugs[:3]:
        assert links[slug]["title"] in html
    assert slugs[3] not in html

    with page.expect_download() as ics_info:
        plan.locator("[data-plan-calendar]").click()
    ics = ics_info.value
    assert ics.suggested_filename == "my-plan.ics"
    raw = Path(ics.path()).read_bytes()
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    events = calendar.walk("VEVENT")
    picked_routines = [s for s in slugs[:3] if s in routines]
    assert [str(e["SUMMARY"]) for e in events] == [links[s]["title"] for s in picked_routines]
    for event, slug in zip(events, picked_routines, strict=True):
        routine = routines[slug]
        assert str(event["UID"]).startswith(f"{slug}-")
        assert event["DTSTAMP"].dt.tzinfo is not None
        start = event["DTSTART"].dt
        assert start.strftime("%H:%M") == routine.time
        rule = event["RRULE"]
        assert rule["FREQ"] == [routine.cadence.upper()]
        if routine.cadence == "weekly":
            assert rule["BYDAY"] == [routine.day[:2].upper()]
            assert start.strftime("%A").lower() == routine.day
        assert event["DURATION"].dt.total_seconds() == routine.minutes * 60
        assert str(event["DESCRIPTION"]).startswith(" ".join(routine.text.split()))
    expect(plan.locator("[data-plan-message]")).to_contain_text("The calendar file was saved.")

    # Only non-routines picked: no calendar file, and the reader is told why.
    for slug in slugs[:3]:
        plan.locator(f'input[value="{slug}"]').uncheck()
    plain = next(s for s in slugs if s not in routines)
    plan.locator(f'input[value="{plain}"]').check()
    plan.locator("[data-plan-calendar]").click()
    expect(plan.locator("[data-plan-message]")).to_contain_text(
        "None of the suggestions you picked is a routine"
    )
    clean_axe(page, f"plan {size} {palette}, no routine")


def test_a_real_result_is_recorded_once(browser: Browser, base_url: str) -> None:
    """With the engine running: the result asked for is recorded; shown again on reload, not."""
    context = browser.new_context(base_url=base_url, viewport=SIZES["desktop"])
    try:
        page = context.new_page()
        page.goto("quiz/")
        opened(page)
        finish_quiz(page, choice=1)
        poll(page, f"localStorage.getItem({HISTORY_KEY!r})", 10)
        answers = page.evaluate(
            "Object.fromEntries([...document.querySelectorAll('[data-quiz-form] input:checked')]"
            ".map((i) => [i.name, i.value]))"
        )
        record = stored(page)["results"][0]
        assert record["scores"] == {s["id"]: s["score"] for s in score(answers).to_dict()["scales"]}
        page.reload()
        opened(page)
        page.locator("[data-quiz-result]").wait_for(state="visible", timeout=60_000)
        expect(page.locator(PLAN)).to_be_visible()
        assert len(stored(page)["results"]) == 1
    finally:
        context.close()
