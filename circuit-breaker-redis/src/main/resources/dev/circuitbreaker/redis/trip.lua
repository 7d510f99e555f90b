-- An instance opens the group. ARGV: 4 waitMs, 5 quorum, 6 quorum window ms, 7 lease epoch, 8 mode:
--   trip       its own window tripped (counts as a vote when quorum > 1)
--   fail       its trial of the group failed; needs the lease it holds (fenced by the lease's epoch)
--   republish  a still-valid OPEN told again (after the store lost it, or could not be told)
-- An OPEN is never shortened, and an operator's FORCED_OPEN or DISABLED is never overridden by a trip.
local wait = tonumber(ARGV[4])
local mode = ARGV[8]
local e = floor(tonumber(ARGV[2]))
local s = state()
if mode == 'fail' then
  if redis.call('GET', KEYS[3]) ~= me .. '|' .. ARGV[7] then return view('STALE', e) end
  redis.call('DEL', KEYS[3])
elseif s[1] == 'FORCED_OPEN' or s[1] == 'DISABLED' then
  return view('STALE', e)
end
if s[1] == 'OPEN' and remaining(s) >= wait then return view('STALE', e) end
if mode == 'trip' and tonumber(ARGV[5]) > 1 then
  local window = tonumber(ARGV[6])
  redis.call('ZADD', KEYS[4], now, me)
  redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now - window)
  redis.call('PEXPIRE', KEYS[4], window)
  if redis.call('ZCARD', KEYS[4]) < tonumber(ARGV[5]) then return view('VOTED', e) end
  redis.call('DEL', KEYS[4])
end
e = bump(e)
redis.call('DEL', KEYS[3])
put('OPEN', e, wait, now + wait)
publish('OPEN', e, wait, wait)
return view('OPENED', e)
