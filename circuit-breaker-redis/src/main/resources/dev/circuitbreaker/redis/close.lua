-- The trial holder's trials passed: the group closes, if it still holds the lease. ARGV: 4 lease epoch.
local e = floor(tonumber(ARGV[2]))
if redis.call('GET', KEYS[3]) ~= me .. '|' .. ARGV[4] then return view('STALE', e) end
redis.call('DEL', KEYS[3], KEYS[4])
e = bump(e)
put('CLOSED', e, 0, 0)
publish('CLOSED', e, 0, 0)
return view('CLOSED', e)
