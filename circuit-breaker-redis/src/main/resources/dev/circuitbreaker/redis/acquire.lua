-- An instance whose OPEN wait is over asks for the group's trial. ARGV: 4 lease ms.
-- Granted only if the stored OPEN is over (or was lost) and nobody holds the trial.
local e = floor(tonumber(ARGV[2]))
local s = state()
if s[1] ~= 'NONE' and (s[1] ~= 'OPEN' or remaining(s) > 0) then return view('STALE', e) end
local holder = redis.call('GET', KEYS[3])
if holder then return view('STALE', e) end
e = bump(e)
redis.call('SET', KEYS[3], me .. '|' .. e, 'PX', tonumber(ARGV[4]))
publish('TRIAL', e, s[4], tonumber(ARGV[4]))
return view('GRANTED', e)
