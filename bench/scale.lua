-- wrk script of bench/scale.sh (not a test): one file for every workload, chosen by the
-- WORKLOAD environment variable, so each run varies its requests the same way.
--
--   WORKLOAD=feed     GET of the URL given to wrk (no status counting: feed bodies are large,
--                     handing each to Lua would measure Lua)
--   WORKLOAD=feed304  the same, counting statuses (headers only; every answer should be 304)
--   WORKLOAD=list     GET /api/v1/events, first pages (limit 50) of a 14-day window starting
--                     on a random day of the seeded period, in a random region (3 in 4) or
--                     group (1 in 4): REGIONS, GROUP_CODES (comma-separated), SPAN_DAYS
--   WORKLOAD=search   POST /api/v1/windows/search: 10 participants in 10 zones (3 optional),
--                     5 of them with an inline iCalendar busy calendar, a 60-minute meeting at
--                     an hourly step over 3 weeks starting on one of 26 Mondays
--   WORKLOAD=create   POST /api/v1/events (TOKEN): a two-hour hybrid meeting *proposed* in the
--                     room of a seeded confirmed meeting (ANCHORS: a file of tab-separated
--                     region, group, venue id, room id, zone, local date), within 30 days of
--                     it, with its region and group and 6 participants of the pool
--                     (PARTICIPANTS); proposed bookings may overlap, so never a 409
--
-- done() prints one tab-separated line for bench/scale.sh:
--   RESULT label rps p50_us p90_us p99_us max_us requests errors bytes statuses
-- where errors = HTTP status >= 400 plus socket errors (connect, read, write, timeout), and
-- statuses (counted when WORKLOAD is not feed) look like "201:812,503:3". The first body of
-- an answer >= 400 of each wrk thread is written to ERRORS.<thread> for diagnosis.

local mode = os.getenv("WORKLOAD") or "feed"
local label = os.getenv("LABEL") or mode
local errors_file = os.getenv("ERRORS")

local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

local function split(text, sep)
  local out = {}
  for part in string.gmatch(text or "", "([^" .. sep .. "]+)") do
    table.insert(out, part)
  end
  return out
end

-- Calendar arithmetic on dates only (noon, local time, both ways: no zone effect).
local function day_of(y, m, d, shift)
  return os.date("%Y-%m-%d", os.time({ year = y, month = m, day = d + shift, hour = 12 }))
end

local function parse_day(text)
  local y, m, d = string.match(text, "^(%d+)-(%d+)-(%d+)")
  return tonumber(y), tonumber(m), tonumber(d)
end

local regions, groups, span_days, anchors, participants, token, bodies

-- An inline calendar in zone `tz`: a weekly team meeting (Mon, Wed), a daily stand-up, a
-- fortnightly review with an exception, a one-off workshop and two days of leave.
local function ics(tz, n, monday)
  local y, m, d = parse_day(monday)
  local function stamp(shift, hhmm)
    return string.gsub(day_of(y, m, d, shift), "-", "") .. "T" .. hhmm .. "00"
  end
  local lines = {
    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tandem bench//EN",
    "BEGIN:VEVENT", "UID:team-" .. n .. "@bench", "DTSTAMP:20270101T000000Z",
    "DTSTART;TZID=" .. tz .. ":" .. stamp(-28, "1000"), "DTEND;TZID=" .. tz .. ":" .. stamp(-28, "1130"),
    "RRULE:FREQ=WEEKLY;BYDAY=MO,WE", "SUMMARY:Team meeting", "END:VEVENT",
    "BEGIN:VEVENT", "UID:standup-" .. n .. "@bench", "DTSTAMP:20270101T000000Z",
    "DTSTART;TZID=" .. tz .. ":" .. stamp(-28, "0915"), "DTEND;TZID=" .. tz .. ":" .. stamp(-28, "0930"),
    "RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=80", "SUMMARY:Stand-up", "END:VEVENT",
    "BEGIN:VEVENT", "UID:review-" .. n .. "@bench", "DTSTAMP:20270101T000000Z",
    "DTSTART;TZID=" .. tz .. ":" .. stamp(-25, "1400"), "DTEND;TZID=" .. tz .. ":" .. stamp(-25, "1600"),
    "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "EXDATE;TZID=" .. tz .. ":" .. stamp(3, "1400"),
    "SUMMARY:Review", "END:VEVENT",
    "BEGIN:VEVENT", "UID:workshop-" .. n .. "@bench", "DTSTAMP:20270101T000000Z",
    "DTSTART;TZID=" .. tz .. ":" .. stamp(8 + n % 3, "0900"), "DTEND;TZID=" .. tz .. ":" .. stamp(8 + n % 3, "1700"),
    "SUMMARY:Workshop", "END:VEVENT",
    "BEGIN:VEVENT", "UID:leave-" .. n .. "@bench", "DTSTAMP:20270101T000000Z",
    "DTSTART;VALUE=DATE:" .. string.sub(stamp(15 + n, "0000"), 1, 8),
    "DTEND;VALUE=DATE:" .. string.sub(stamp(17 + n, "0000"), 1, 8),
    "TRANSP:OPAQUE", "SUMMARY:Leave", "END:VEVENT",
    "END:VCALENDAR", "",
  }
  -- JSON string content: CRLF line ends escaped.
  return table.concat(lines, "\\r\\n")
end

local zones = {
  { "dakar", "Africa/Dakar" }, { "nairobi", "Africa/Nairobi" }, { "geneva", "Europe/Zurich" },
  { "cairo", "Africa/Cairo" }, { "riyadh", "Asia/Riyadh" }, { "delhi", "Asia/Kolkata" },
  { "bangkok", "Asia/Bangkok" }, { "tokyo", "Asia/Tokyo", optional = true },
  { "brasilia", "America/Sao_Paulo", optional = true },
  { "new-york", "America/New_York", optional = true },
}

local function search_body(monday)
  local y, m, d = parse_day(monday)
  local people = {}
  for i, z in ipairs(zones) do
    local p = string.format('{"id":"%s","tz":"%s"', z[1], z[2])
    if z.optional then
      p = p .. ',"required":false'
    end
    if i % 2 == 1 then
      p = p .. ',"ics":"' .. ics(z[2], i, monday) .. '"'
    end
    table.insert(people, p .. "}")
  end
  return string.format(
    '{"range":{"start":"%sT00:00:00Z","end":"%sT00:00:00Z"},"duration_minutes":60,'
      .. '"step_minutes":60,"limit":5,"participants":[%s]}',
    monday, day_of(y, m, d, 21), table.concat(people, ","))
end

function init(args)
  math.randomseed(1000 + tid)
  if mode == "list" then
    regions = split(os.getenv("REGIONS"), ",")
    groups = split(os.getenv("GROUP_CODES"), ",")
    span_days = tonumber(os.getenv("SPAN_DAYS") or "700")
  elseif mode == "search" then
    bodies = {}
    for w = 0, 25 do
      -- 2027-03-01 is a Monday.
      table.insert(bodies, search_body(day_of(2027, 3, 1, 7 * w)))
    end
  elseif mode == "create" then
    token = os.getenv("TOKEN")
    participants = tonumber(os.getenv("PARTICIPANTS") or "5000")
    anchors = {}
    for line in io.lines(os.getenv("ANCHORS")) do
      local f, at = {}, 1
      while true do
        local tab = string.find(line, "\t", at, true)
        table.insert(f, string.sub(line, at, (tab or 0) - 1))
        if not tab then
          break
        end
        at = tab + 1
      end
      table.insert(anchors, f)
    end
    -- Titles distinct across threads and runs.
    counter = tid * 1000000 + (tonumber(os.getenv("OFFSET") or "0"))
  end
end

local function list_request()
  local day = math.random(0, span_days - 15)
  local from = day_of(2027, 1, 1, day)
  local to = day_of(2027, 1, 1, day + 14)
  local filter
  if #groups > 0 and math.random(4) == 1 then
    filter = "group=" .. groups[math.random(#groups)]
  else
    filter = "region=" .. regions[math.random(#regions)]
  end
  return wrk.format("GET", string.format(
    "/api/v1/events?%s&from=%sT00:00:00Z&to=%sT00:00:00Z&limit=50", filter, from, to))
end

local function create_request()
  counter = counter + 1
  local i = counter
  local a = anchors[(i % #anchors) + 1]
  local y, m, d = parse_day(a[6])
  local day = day_of(y, m, d, (i % 61) - 30)
  local people = {}
  for k = 0, 5 do
    table.insert(people, string.format(
      '{"id":"p-%d","tz":"Europe/Zurich","attendance":"%s","required":%s}',
      (i * 7 + k * 131) % participants, (k % 2 == 0) and "remote" or "in_person",
      (k == 0) and "true" or "false"))
  end
  local group = (a[2] ~= "") and ('"' .. a[2] .. '"') or "null"
  local body = string.format(
    '{"title":"Scale benchmark meeting %d","kind":"meeting","mode":"hybrid",'
      .. '"status":"proposed","region":"%s","group":%s,"venue_id":"%s","room_id":"%s",'
      .. '"tz":"%s","start":"%sT10:00","end":"%sT12:00",'
      .. '"remote_url":"https://meet.example.org/bench","participants":[%s]}',
    i, a[1], group, a[3], a[4], a[5], day, day, table.concat(people, ","))
  return wrk.format("POST", "/api/v1/events", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }, body)
end

if mode == "list" then
  request = list_request
elseif mode == "search" then
  request = function()
    counter = counter + 1
    return wrk.format("POST", "/api/v1/windows/search",
      { ["Content-Type"] = "application/json" }, bodies[(counter % #bodies) + 1])
  end
elseif mode == "create" then
  request = create_request
end

-- Status counts per thread, flattened into the global string status_text ("200:5,503:1")
-- that done() reads from each thread.
status_text = ""
local statuses = {}
local first_error_saved = false

if mode ~= "feed" then
  response = function(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
    if status >= 400 and errors_file and not first_error_saved then
      first_error_saved = true
      local f = io.open(errors_file .. "." .. tid, "w")
      if f then
        f:write(status, "\n", body or "", "\n")
        f:close()
      end
    end
    local parts = {}
    for k, v in pairs(statuses) do
      table.insert(parts, k .. ":" .. v)
    end
    status_text = table.concat(parts, ",")
  end
end

function done(summary, latency, requests)
  local counts = {}
  for _, t in ipairs(threads) do
    for part in string.gmatch(t:get("status_text") or "", "([^,]+)") do
      local k, v = string.match(part, "(%d+):(%d+)")
      counts[k] = (counts[k] or 0) + tonumber(v)
    end
  end
  local keys = {}
  for k in pairs(counts) do
    table.insert(keys, k)
  end
  table.sort(keys)
  local parts = {}
  for _, k in ipairs(keys) do
    table.insert(parts, k .. ":" .. counts[k])
  end
  local e = summary.errors
  local errors = e.status + e.connect + e.read + e.write + e.timeout
  io.write(string.format("RESULT\t%s\t%.1f\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n",
    label, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.requests, errors, summary.bytes, #parts > 0 and table.concat(parts, ",") or "-"))
  if e.connect + e.read + e.write + e.timeout > 0 then
    io.write(string.format("SOCKET\t%s\tconnect %d, read %d, write %d, timeout %d\n",
      label, e.connect, e.read, e.write, e.timeout))
  end
end
