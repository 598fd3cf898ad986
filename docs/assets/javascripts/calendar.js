// An iCalendar file (RFC 5545) for routines, made in the browser: one repeating VEVENT per
// routine, lines folded at 75 octets and ended with CRLF. Times are "floating" (no time zone):
// a 17:30 routine stays at 17:30 wherever the reader's calendar is.

const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const BYDAY = { sunday: "SU", monday: "MO", tuesday: "TU", wednesday: "WE", thursday: "TH", friday: "FR", saturday: "SA" };
const PRODID = "-//balance-or-blend//quiz-plan//EN";

// Commas, semicolons, backslashes and newlines are escaped in TEXT values (RFC 5545 3.3.11).
export function escapeText(value) {
  return String(value)
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

// Lines longer than 75 octets continue on the next line after CRLF and one space (3.1); a
// character of several UTF-8 bytes is never split.
export function fold(line) {
  const encoder = new TextEncoder();
  const parts = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length ? 74 : 75; // a continuation's leading space counts
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

const pad = (n) => String(n).padStart(2, "0");

function localStamp(date) {
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}T${pad(date.getHours())}${pad(date.getMinutes())}00`;
}

function utcStamp(date) {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

// The first time the routine falls at or after `now`: today or a later day at its time.
export function firstOccurrence(routine, now) {
  const [hours, minutes] = routine.time.split(":").map(Number);
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate(), hours, minutes);
  if (routine.cadence === "weekly") {
    const wanted = DAYS.indexOf(routine.day);
    start.setDate(start.getDate() + ((wanted - start.getDay() + 7) % 7));
    if (start < now) start.setDate(start.getDate() + 7);
  } else if (start < now) {
    start.setDate(start.getDate() + 1);
  }
  return start;
}

// events: [{slug, title, description, url, routine: {cadence, day, time, minutes}}]
export function calendarText(events, { now = new Date(), uidSeed = Math.random().toString(36).slice(2, 10) } = {}) {
  const stamp = utcStamp(now);
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:${PRODID}`, "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
  for (const event of events) {
    const { routine } = event;
    const rule = routine.cadence === "weekly" ? `FREQ=WEEKLY;BYDAY=${BYDAY[routine.day]}` : "FREQ=DAILY";
    lines.push(
      "BEGIN:VEVENT",
      `UID:${event.slug}-${stamp}-${uidSeed}@balance-or-blend`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${localStamp(firstOccurrence(routine, now))}`,
      `DURATION:PT${routine.minutes}M`,
      `RRULE:${rule}`,
      `SUMMARY:${escapeText(event.title)}`,
      `DESCRIPTION:${escapeText(event.url ? `${event.description}\n${event.url}` : event.description)}`,
    );
    if (event.url) lines.push(`URL:${event.url}`);
    lines.push("TRANSP:TRANSPARENT", "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}
