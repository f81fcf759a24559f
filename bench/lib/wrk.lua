-- wrk script for bench/load. The same script drives both endpoints so the load generator does
-- the same work per request (a Lua call returning a prepared request) for each:
--   BENCH_MODE=health    GET /q/health/live
--   BENCH_MODE=classify  POST /classify, rotating over the comments of BENCH_COMMENTS (label<TAB>text)
-- BENCH_API_KEY is the X-Api-Key; BENCH_OUT names the file the JSON summary is written to;
-- BENCH_ONLY=ham keeps only the ham comments (allowed, so nothing is written to the queue).
-- BENCH_MIX=N/M sends N spam comments (flagged and queued) in every M requests, the rest ham,
-- each kind rotating over its own comments (bench/mixes: 0/1, 1/3, 9/10).
-- BENCH_RATE=R (with BENCH_THREADS, wrk's -t) paces the requests at R per second in all: wrk is
-- closed-loop, so each thread keeps a schedule of send times R/threads per second apart and every
-- connection waits for the next free slot before sending (bench/soak). Without it, every
-- connection sends its next request as soon as the answer is in.

local mode = os.getenv("BENCH_MODE") or "health"
local threads = {}
local counter = 0

local function json_string(s)
  s = s:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' elseif c == '\\' then return '\\\\'
    elseif c == '\n' then return '\\n' elseif c == '\t' then return '\\t'
    else return string.format('\\u%04x', c:byte()) end
  end)
  return '"' .. s .. '"'
end

local function load_requests()
  if mode == "health" then
    return { wrk.format("GET", "/q/health/live") }
  end
  local path = os.getenv("BENCH_COMMENTS")
  local f = assert(io.open(path, "r"), "cannot read " .. tostring(path))
  local headers = { ["Content-Type"] = "application/json", ["X-Api-Key"] = os.getenv("BENCH_API_KEY") }
  local out, n = {}, 0
  f:read("*l") -- header
  local by_label = { spam = {}, ham = {} }
  local only = os.getenv("BENCH_ONLY")
  for line in f:lines() do
    local label, text = line:match("^([^\t]*)\t(.*)$")
    if text and #text > 0 and (not only or only == "" or label == only) then
      n = n + 1
      -- every third request carries author and context, as comment systems send them
      local body
      if n % 3 == 0 then
        body = '{"content":' .. json_string(text) .. ',"author":{"name":"reader' .. n ..
          '","email":"reader' .. n .. '@mail.example","url":"https://blog' .. n .. '.example"},' ..
          '"context":{"site":"news.example","permalink":"https://news.example/a/' .. n ..
          '","ip":"192.0.2.' .. n .. '","userAgent":"Mozilla/5.0 (bench)","type":"comment"},' ..
          '"externalId":"bench-' .. n .. '"}'
      else
        body = '{"content":' .. json_string(text) .. '}'
      end
      local req = wrk.format("POST", "/classify", headers, body)
      out[#out + 1] = req
      if by_label[label] then table.insert(by_label[label], req) end
    end
  end
  local mix = os.getenv("BENCH_MIX")
  if mix and mix ~= "" then
    local flagged, every = mix:match("^(%d+)/(%d+)$")
    flagged, every = assert(tonumber(flagged), "BENCH_MIX is N/M"), assert(tonumber(every), "BENCH_MIX is N/M")
    local spam, ham = by_label.spam, by_label.ham
    assert(flagged == 0 or #spam > 0, "no spam comments for BENCH_MIX")
    assert(flagged == every or #ham > 0, "no ham comments for BENCH_MIX")
    -- long enough that each kind goes round its comments at least once
    local rounds = math.max(#spam, #ham)
    out = {}
    local s_i, h_i = 0, 0
    for j = 0, every * rounds - 1 do
      if j % every < flagged then
        s_i = s_i + 1; out[#out + 1] = spam[(s_i - 1) % #spam + 1]
      else
        h_i = h_i + 1; out[#out + 1] = ham[(h_i - 1) % #ham + 1]
      end
    end
  end
  f:close()
  assert(#out > 0, "no comments in " .. path)
  return out
end

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  threads[#threads + 1] = thread
end

local requests, i
function init(args)
  requests = load_requests()
  i = (id or 1) * 7
end

function request()
  i = i + 1
  return requests[(i % #requests) + 1]
end

-- Pacing: wrk asks delay() once before each request, per connection; the answer is how many
-- milliseconds that connection waits. The slots stay fractional, so rounding to whole
-- milliseconds does not add up. A connection that comes late (all were busy) sends at once and the
-- schedule catches up, but by at most one second of backlog, so a stall is not followed by a
-- long burst; the achieved rate in the summary shows any shortfall.
local rate = tonumber(os.getenv("BENCH_RATE") or "")
if rate and rate > 0 then
  local ffi = require("ffi")
  ffi.cdef[[
    typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
    int clock_gettime(int clock, bench_timespec *ts);
  ]]
  local ts = ffi.new("bench_timespec")
  local function now_ms()
    ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
    return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
  end
  local gap_ms = 1000 * (tonumber(os.getenv("BENCH_THREADS") or "1")) / rate
  local next_slot
  function delay()
    local now = now_ms()
    local slot = math.max(next_slot or now, now - 1000)
    next_slot = slot + gap_ms
    local wait = slot - now
    return wait > 0 and math.floor(wait) or 0
  end
end

function done(summary, latency, reqs)
  local e = summary.errors
  local out = string.format(
    '{"mode":"%s","duration_us":%d,"requests":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"min":%d,"mean":%.1f,"stdev":%.1f,"max":%d,"p50":%d,"p90":%d,"p99":%d,"p99_9":%d}}',
    mode, summary.duration, summary.requests, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9))
  local path = os.getenv("BENCH_OUT")
  if path then
    local f = assert(io.open(path, "w"))
    f:write(out, "\n")
    f:close()
  end
  io.write(out, "\n")
end
