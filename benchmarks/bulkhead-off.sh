#!/usr/bin/env bash
# Does the bulkhead cost anything while it is off (issue 14)? Two configs cannot answer that: a breaker with
# maxConcurrentCalls set measures the bulkhead on, and the default config runs the very code whose cost is in
# question. So this compares two builds instead, running the same default-config benchmarks on each:
#   A  this working tree as it is: the bulkhead compiled in and off (maxConcurrentCalls 0, the default);
#   B  the same tree with the bulkhead compiled out: in CircuitBreaker.java the two checks `s.maxConcurrentCalls > 0`
#      (taking a place in acquire, giving it back in complete) become `false`, which javac drops with the code they
#      guard. Nothing else differs.
# What "off costs nothing" rests on: with the bulkhead off, a call reads one int field of the settings object it has
# already loaded (BreakerSettings.maxConcurrentCalls, final) and takes a branch that always goes the same way, twice
# per call. A and B should score the same within noise; the run prints both tables, A then B, twice (A B A B), so
# that drift on a shared machine shows as a difference between the two A runs.
# Usage: benchmarks/bulkhead-off.sh [JMH arguments]   (default: 3 forks of 3 + 3 one-second iterations of
#        ClosedSuccess.core, ClosedSuccessTwoThreads.core and BreakerOverhead.core; about 6 minutes plus two builds)
# A quick look: benchmarks/bulkhead-off.sh -f 1 -wi 2 -i 3 -w 1s -r 1s 'ClosedSuccess\.core$|BreakerOverhead\.core$'
# On a busy machine: benchmarks/bulkhead-off.sh --cpu-time   (CpuTimeCheck's on-CPU time per call of core and
#        coreNoDuration, one thread, A B A B, instead of JMH: time spent descheduled does not count)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
args=("$@")
cpu_time=false
if [ "${1:-}" = "--cpu-time" ]; then
    cpu_time=true
elif [ "${#args[@]}" -eq 0 ]; then
    args=(-f 3 -wi 3 -i 3 -w 1s -r 1s 'ClosedSuccess\.core$|ClosedSuccessTwoThreads\.core$|BreakerOverhead\.core$')
fi

off=$(mktemp -d)
trap 'rm -rf "$off"' EXIT
tar --exclude=./.git --exclude='*/target' -cf - . | tar -xf - -C "$off"
source="$off/circuit-breaker-core/src/main/java/dev/circuitbreaker/CircuitBreaker.java"
checks=$(grep -c 's\.maxConcurrentCalls > 0' "$source" || true)
if [ "$checks" -ne 2 ]; then
    echo "expected the 2 bulkhead checks 's.maxConcurrentCalls > 0' in CircuitBreaker.java, found $checks: update this script" >&2
    exit 1
fi
sed -i 's/s\.maxConcurrentCalls > 0/false/g' "$source"

echo "== building A (bulkhead compiled in, off) and B (compiled out)"
./mvnw -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests
(cd "$off" && ./mvnw -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests)

run() {
    if $cpu_time; then
        java -Dsubjects='core|coreNoDuration' -cp "$1" dev.circuitbreaker.benchmarks.CpuTimeCheck 1 2>/dev/null
    else
        java -jar "$1" "${args[@]}" 2> >(grep -v '^SLF4J' >&2) | sed -n '/^| scenario/,$p'
    fi
}
for round in 1 2; do
    echo "== round $round, A: bulkhead compiled in, off"
    run "$root/benchmarks/target/benchmarks.jar"
    echo "== round $round, B: bulkhead compiled out"
    run "$off/benchmarks/target/benchmarks.jar"
done
