-- Shared by every script of a shared circuit group. KEYS: 1 epoch, 2 state, 3 trial lease, 4 quorum votes.
-- ARGV: 1 channel, 2 the newest epoch the caller has seen, 3 the caller's instance id, then the script's own.
-- Durations are decided by Redis's clock only: TIME here, PX on the lease and votes.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local KEEP = 604800000
local me = ARGV[3]
local lost = 0

-- The epoch counter, raised to what the caller has seen (a Redis that lost its data must not go back).
local function floor(seen)
  local e = tonumber(redis.call('GET', KEYS[1]) or '0')
  if e < seen then
    if seen > 0 then lost = 1 end
    e = seen
  end
  redis.call('SET', KEYS[1], e, 'PX', KEEP)
  return e
end

local function bump(e)
  e = e + 1
  redis.call('SET', KEYS[1], e, 'PX', KEEP)
  return e
end

-- The last decision: kind|epoch|origin|waitMs|untilMs (untilMs on Redis's clock, OPEN only); absent: unknown.
local function state()
  local v = redis.call('GET', KEYS[2])
  if not v then return {'NONE', 0, '', 0, 0} end
  local f = {}
  for p in string.gmatch(v, '[^|]+') do f[#f + 1] = p end
  return {f[1], tonumber(f[2]), f[3], tonumber(f[4]), tonumber(f[5])}
end

local function remaining(s)
  if s[1] == 'OPEN' then return math.max(0, s[5] - now) end
  return 0
end

local function put(kind, e, waitMs, untilMs)
  redis.call('SET', KEYS[2], kind .. '|' .. e .. '|' .. me .. '|' .. waitMs .. '|' .. untilMs, 'PX', KEEP)
end

local function publish(kind, e, waitMs, remainingMs)
  redis.call('PUBLISH', ARGV[1], kind .. '|' .. e .. '|' .. me .. '|' .. waitMs .. '|' .. remainingMs)
end

-- Every script answers with the group as stored: tag, epoch, kind, state epoch, origin, waitMs, remainingMs,
-- trial holder (instance|epoch, or ''), lease ms left, lost (1 if the epoch had to be raised).
local function view(tag, e)
  local s = state()
  local holder = redis.call('GET', KEYS[3]) or ''
  local lease = 0
  if holder ~= '' then lease = redis.call('PTTL', KEYS[3]) end
  return {tag, e, s[1], s[2], s[3], s[4], remaining(s), holder, lease, lost}
end
