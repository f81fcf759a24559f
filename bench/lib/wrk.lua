-- wrk script for bench/load. The same script drives both endpoints so the load generator does
-- the same work per request (a Lua call returning a prepared request) for each:
--   BENCH_MODE=health    GET /q/health/live
--   BENCH_MODE=classify  POST /classify, rotating over the comments of BENCH_COMMENTS (label<TAB>text)
-- BENCH_API_KEY is the X-Api-Key; BENCH_OUT names the file the JSON summary is written to;
-- BENCH_ONLY=ham keeps only the ham comments (allowed, so nothing is written to the queue).

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
      out[#out + 1] = wrk.format("POST", "/classify", headers, body)
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
