// calendar.js: the plan's .ics file follows RFC 5545 where readers' calendars are strict about it
// (CRLF, 75-octet folding, escaped text, one repeating VEVENT per routine). The browser test
// parses a downloaded file with icalendar; these pin the details.
import assert from "node:assert/strict";
import { test } from "node:test";

import { load, page } from "./dom.mjs";

async function calendar() {
  page("");
  return load("calendar.js");
}

test("text is escaped and long lines fold at 75 octets without splitting a character", async () => {
  const { escapeText, fold } = await calendar();
  assert.equal(escapeText("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
  const line = `DESCRIPTION:${"é".repeat(80)}`;
  const folded = fold(line);
  const parts = folded.split("\r\n");
  assert.ok(parts.length > 1);
  const encoder = new TextEncoder();
  for (const [index, part] of parts.entries()) {
    assert.ok(encoder.encode(part).length <= 75, part);
    if (index) assert.equal(part[0], " ");
  }
  assert.equal(parts.map((p, i) => (i ? p.slice(1) : p)).join(""), line);
  assert.equal(fold("SHORT:x"), "SHORT:x");
});

test("a routine starts at its next time: later today, tomorrow, or on its next weekday", async () => {
  const { firstOccurrence } = await calendar();
  const noon = new Date(2026, 11, 2, 12, 0); // a Wednesday
  const at = (d) => [d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()];
  assert.deepEqual(at(firstOccurrence({ cadence: "daily", time: "17:30" }, noon)), [2026, 11, 2, 17, 30]);
  assert.deepEqual(at(firstOccurrence({ cadence: "daily", time: "08:45" }, noon)), [2026, 11, 3, 8, 45]);
  assert.deepEqual(at(firstOccurrence({ cadence: "weekly", day: "sunday", time: "18:00" }, noon)), [2026, 11, 6, 18, 0]);
  assert.deepEqual(at(firstOccurrence({ cadence: "weekly", day: "wednesday", time: "13:00" }, noon)), [2026, 11, 2, 13, 0]);
  assert.deepEqual(at(firstOccurrence({ cadence: "weekly", day: "wednesday", time: "11:00" }, noon)), [2026, 11, 9, 11, 0]);
});

test("one VEVENT per routine, with UID, DTSTAMP, RRULE and CRLF line ends", async () => {
  const { calendarText } = await calendar();
  const text = calendarText(
    [
      { slug: "a", title: "Close, then rest", description: "Walk; breathe.", url: "https://x.example/a/#a", routine: { cadence: "daily", time: "17:30", minutes: 10 } },
      { slug: "b", title: "Review", description: "Look back.", url: "", routine: { cadence: "weekly", day: "sunday", time: "18:00", minutes: 15 } },
    ],
    { now: new Date(Date.UTC(2026, 11, 2, 12, 0, 5)), uidSeed: "seed" },
  );
  assert.ok(text.endsWith("\r\n"));
  assert.ok(!/[^\r]\n/.test(text));
  const lines = text.split("\r\n");
  assert.equal(lines[0], "BEGIN:VCALENDAR");
  assert.equal(lines.filter((l) => l === "BEGIN:VEVENT").length, 2);
  assert.ok(lines.includes("UID:a-20261202T120005Z-seed@balance-or-blend"));
  assert.equal(lines.filter((l) => l === "DTSTAMP:20261202T120005Z").length, 2);
  assert.ok(lines.includes("RRULE:FREQ=DAILY"));
  assert.ok(lines.includes("RRULE:FREQ=WEEKLY;BYDAY=SU"));
  assert.ok(lines.includes("DURATION:PT15M"));
  assert.ok(lines.includes("SUMMARY:Close\\, then rest"));
  assert.ok(lines.includes("DESCRIPTION:Walk\\; breathe.\\nhttps://x.example/a/#a"));
  assert.ok(lines.includes("DESCRIPTION:Look back."));
  assert.equal(lines.filter((l) => l.startsWith("URL:")).length, 1);
});
