-- An operator's transition on one instance applies to the group: the newest epoch wins.
-- ARGV: 4 kind (OPEN, CLOSED, HALF_OPEN, FORCED_OPEN, DISABLED), 5 waitMs, 6 lease ms.
-- HALF_OPEN: the instance holds the group's trial now; the others wait for its verdict.
local kind = ARGV[4]
local wait = tonumber(ARGV[5])
local e = bump(floor(tonumber(ARGV[2])))
redis.call('DEL', KEYS[3], KEYS[4])
if kind == 'OPEN' then
  put('OPEN', e, wait, now + wait)
  publish('OPEN', e, wait, wait)
elseif kind == 'HALF_OPEN' then
  put('OPEN', e, wait, now)
  redis.call('SET', KEYS[3], me .. '|' .. e, 'PX', tonumber(ARGV[6]))
  publish('TRIAL', e, wait, tonumber(ARGV[6]))
else
  put(kind, e, wait, 0)
  publish(kind, e, wait, 0)
end
return view('DONE', e)
