// Check that ical.js (Mozilla's parser, the one Thunderbird uses) reads tandem's feeds
// exactly (DESIGN §7); the counterpart of interop.py, on the same files.
//
//     node interop.mjs DIR        (ICALJS=path/to/node_modules/ical.js)
//
// For every DIR/*.ics (sorted), ICAL.parse must accept it, and when DIR/NAME.expected.json
// exists the instants must equal the expected ones exactly:
//   - "events": each VEVENT's DTSTART and DTEND (null: no DTEND) as UTC instants;
//   - "occurrences": every occurrence in "range" (ICAL.Event's iterator with the
//     RECURRENCE-ID overrides related to their series and EXDATEs applied);
//   - "freebusy": each FREEBUSY period (FBTYPE, start, end).
// ical.js has no tz database of its own: it always reads the VTIMEZONEs of the file. Every
// TZID is still renamed to one no library knows (and X-LIC-LOCATION removed) when the
// expected file says "check_own_vtimezones": true, as interop.py does, so that the pass is
// the same for every reader; "own_vtimezones_exempt_uids" is not applied: ical.js reads a
// local time inside a DST gap as RFC 5545 §3.3.5 says.
//
// Prints "ok NAME" or "FAIL NAME" with one line per problem; exits 1 if anything failed.
// Tested with ical.js 2.2.1.

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const moduleDir = process.env.ICALJS;
if (!moduleDir) {
  console.error("set ICALJS to the ical.js package directory (node_modules/ical.js)");
  process.exit(2);
}
const ICAL = (await import(pathToFileURL(path.join(moduleDir, "dist", "ical.js")).href)).default;

/** `YYYY-MM-DDTHH:MM:SSZ` of an ICAL.Time, which must be zoned or UTC. */
function instant(time, what) {
  if (time.isDate) throw new Error(`${what} is a DATE, expected a DATE-TIME`);
  if (!time.zone || time.zone === ICAL.Timezone.localTimezone) {
    throw new Error(`${what} is floating (${time.toString()}), expected a zoned DATE-TIME`);
  }
  return new Date(time.toUnixTime() * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Problems when two lists of records differ as multisets. */
function diff(label, got, want, exempt) {
  got = got.filter((r) => !exempt.has(r.uid));
  want = want.filter((r) => !exempt.has(r.uid));
  const key = (r) => JSON.stringify(Object.keys(r).sort().reduce((o, k) => ((o[k] = r[k]), o), {}));
  const g = got.map(key).sort();
  const w = want.map(key).sort();
  if (JSON.stringify(g) === JSON.stringify(w)) return [];
  const missing = [...w];
  const extra = [];
  for (const item of g) {
    const i = missing.indexOf(item);
    if (i >= 0) missing.splice(i, 1);
    else extra.push(item);
  }
  return [
    `${label}: ${g.length} read, ${w.length} expected`,
    ...missing.slice(0, 10).map((m) => `  missing ${m}`),
    ...extra.slice(0, 10).map((e) => `  unexpected ${e}`),
  ];
}

/** The same calendar with every TZID renamed to one no library knows. */
function withOwnVtimezones(text, stem) {
  const unfolded = text.replace(/\r\n[ \t]/g, "");
  const tzids = [...unfolded.matchAll(/^TZID:(.+)$/gm)].map((m) => m[1].trim());
  const renamed = new Map(tzids.map((t) => [t, `Tandem-Interop-${stem}-${t.replace(/[^A-Za-z0-9]/g, "-")}`]));
  const lines = [];
  for (let line of unfolded.split("\r\n")) {
    if (line.startsWith("X-LIC-LOCATION:")) continue;
    for (const [old, now] of renamed) {
      if (line === `TZID:${old}`) line = `TZID:${now}`;
      line = line.split(`;TZID=${old}:`).join(`;TZID=${now}:`).split(`;TZID=${old};`).join(`;TZID=${now};`);
    }
    lines.push(line);
  }
  return [lines.join("\r\n"), renamed.size];
}

function check(text, expected) {
  ICAL.TimezoneService.reset();
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(vtimezone);
  }
  if (!expected) return [];
  const problems = [];
  const vevents = calendar.getAllSubcomponents("vevent");
  const masters = vevents.filter((v) => !v.hasProperty("recurrence-id"));
  const overrides = vevents.filter((v) => v.hasProperty("recurrence-id"));
  const events = [];
  const occurrences = [];
  const [rangeStart, rangeEnd] = ["start", "end"].map(
    (k) => Date.parse((expected.range || { start: "2000-01-01T00:00:00Z", end: "2040-01-01T00:00:00Z" })[k]) / 1000,
  );
  for (const master of masters) {
    const event = new ICAL.Event(master);
    const uid = event.uid;
    for (const o of overrides) {
      if (o.getFirstPropertyValue("uid") === uid) event.relateException(o);
    }
    events.push({
      uid,
      dtstart: instant(event.startDate, `${uid} DTSTART`),
      dtend: master.hasProperty("dtend") ? instant(event.endDate, `${uid} DTEND`) : null,
    });
    const push = (start, end) => {
      const s = start.toUnixTime();
      const e = end.toUnixTime();
      if (e > rangeStart && s < rangeEnd) {
        occurrences.push({ uid, start: instant(start, `${uid} start`), end: instant(end, `${uid} end`) });
      }
    };
    if (!event.isRecurring()) {
      push(event.startDate, event.endDate);
      continue;
    }
    const iterator = event.iterator();
    for (let next = iterator.next(), n = 0; next; next = iterator.next(), n++) {
      if (n > 100000) throw new Error(`${uid}: more than 100000 occurrences`);
      const details = event.getOccurrenceDetails(next);
      if (details.startDate.toUnixTime() >= rangeEnd) break;
      push(details.startDate, details.endDate);
    }
  }
  const exempt = new Set(expected.icaljs_exempt_uids || []);
  problems.push(...diff("ical.js events", events, expected.events || [], exempt));
  problems.push(...diff("ical.js occurrences", occurrences, expected.occurrences || [], exempt));
  const periods = [];
  for (const vfreebusy of calendar.getAllSubcomponents("vfreebusy")) {
    for (const property of vfreebusy.getAllProperties("freebusy")) {
      const fbtype = property.getParameter("fbtype") || "BUSY";
      for (const period of property.getValues()) {
        periods.push({
          fbtype,
          start: instant(period.start, "FREEBUSY start"),
          end: instant(period.getEnd(), "FREEBUSY end"),
        });
      }
    }
  }
  problems.push(...diff("ical.js FREEBUSY", periods, expected.freebusy || [], new Set()));
  return problems;
}

function checkFile(file) {
  const text = fs.readFileSync(file, "utf8");
  const stem = path.basename(file, ".ics");
  const expectedPath = path.join(path.dirname(file), `${stem}.expected.json`);
  const expected = fs.existsSync(expectedPath) ? JSON.parse(fs.readFileSync(expectedPath, "utf8")) : null;
  const passes = [["", text]];
  const problems = [];
  if (expected && expected.check_own_vtimezones) {
    const [own, renamed] = withOwnVtimezones(text, stem);
    if (!renamed) problems.push("check_own_vtimezones is set but the file has no VTIMEZONE");
    passes.push(["[own VTIMEZONEs] ", own]);
  }
  for (const [label, body] of passes) {
    try {
      problems.push(...check(body, expected).map((p) => label + p));
    } catch (error) {
      problems.push(`${label}ical.js failed: ${error.stack || error}`);
    }
  }
  return problems;
}

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node interop.mjs DIR");
  process.exit(2);
}
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".ics")).sort();
if (files.length === 0) {
  console.log(`FAIL: no .ics file in ${dir}`);
  process.exit(1);
}
let failed = 0;
for (const name of files) {
  const problems = checkFile(path.join(dir, name));
  if (problems.length) {
    failed += 1;
    console.log(`FAIL ${name}`);
    for (const p of problems) console.log(`  ${p}`);
  } else {
    console.log(`ok ${name}`);
  }
}
console.log(`${files.length - failed} of ${files.length} files read exactly by ical.js`);
process.exit(failed ? 1 : 0);
