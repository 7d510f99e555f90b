-- Reconcile: the group as stored. Raises the epoch to the caller's, so a Redis restarted without data goes on
-- from the newest epoch any instance has seen.
return view('VIEW', floor(tonumber(ARGV[2])))
