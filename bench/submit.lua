-- wrk script of bench/throughput.py: every request a new response with a fresh UUID v4.
-- BENCH_MODE: "kiosk" (JSON, default; also the bare endpoint) or "form" (the online form POST);
-- BENCH_TOKENS: comma-separated device tokens (one is picked per request);
-- BENCH_ANSWERED_AT: the ISO time the answers claim to be given at;
-- BENCH_COOKIE, BENCH_CSRF: the session cookie and CSRF token of a form fetched once
-- (a browser keeps both for its session and posts the token with every form).
local mode = os.getenv("BENCH_MODE") or "kiosk"
local cookie = os.getenv("BENCH_COOKIE") or ""
local csrf = os.getenv("BENCH_CSRF") or ""
local tokens = {}
for token in string.gmatch(os.getenv("BENCH_TOKENS") or "none", "[^,]+") do
  table.insert(tokens, token)
end
local answered_at = os.getenv("BENCH_ANSWERED_AT") or ""
local count = 0

function setup(thread)
  count = count + 1
  thread:set("tid", count)
end

function init(args)
  local seed = os.time() + (tid or 0) * 104729 + math.floor((os.clock() * 1e6) % 1e6)
  math.randomseed(seed)
  for _ = 1, 100 do math.random() end
end

local function hex(n)
  local out = {}
  for i = 1, n do out[i] = string.format("%x", math.random(0, 15)) end
  return table.concat(out)
end

local function uuid4()
  return hex(8) .. "-" .. hex(4) .. "-4" .. hex(3) .. "-" ..
    string.format("%x", math.random(8, 11)) .. hex(3) .. "-" .. hex(12)
end

local function form_request()
  local r = math.random
  local body = string.format(
    "csrf_token=%s&response_id=%s&lang=de&contact_url=&topic=%d&overall=%d&resolved=%d" ..
    "&waiting=%d&friendly=%d&understood=%d&fair=%d&trust=%d&improve=%d&improve=%d",
    csrf, uuid4(), r(1, 5), r(1, 5), r(1, 3), r(1, 5), r(1, 5), r(1, 5), r(1, 5), r(1, 5),
    r(1, 3), r(4, 6))
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
  }
  return wrk.format("POST", nil, headers, body)
end

request = function()
  if mode == "form" then return form_request() end
  local r = math.random
  local body = string.format(
    '{"id":"%s","questionnaire":"core@1","locale":"de","answered_at":"%s",' ..
    '"answers":{"topic":%d,"overall":%d,"resolved":%d,"waiting":%d,"friendly":%d,' ..
    '"understood":%d,"fair":%d,"trust":%d,"improve":[%d,%d]}}',
    uuid4(), answered_at, r(1, 5), r(1, 5), r(1, 3), r(1, 5), r(1, 5), r(1, 5), r(1, 5),
    r(1, 5), r(1, 3), r(4, 6))
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[r(#tokens)],
  }
  return wrk.format("POST", nil, headers, body)
end
