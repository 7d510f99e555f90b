#!/usr/bin/env bash
# Builds the JMH uber-jar and runs every benchmark with the allocation profiler (issue 7).
# Extra arguments go to JMH, e.g. a quick look:  benchmarks/run.sh -f 1 -wi 2 -i 3 -w 1s -r 1s OpenRejection
# Results: benchmarks/results/results.json (JMH JSON), results.txt (JMH's text output), table.md (the table of
# BENCHMARKS.md) and cpu-time.md (CpuTimeCheck: on-CPU time per call, a cross-check for a busy machine).
# The full run (2 forks x (4 + 5) one-second iterations for most benchmarks; ClosedSuccess and BreakerOverhead
# 3 + 3 iterations in 2 forks, 6 for the core/floor pair whose ratio is a target, 3 for BreakerOverhead; the
# bulkhead scenarios 3 + 3 in 2 forks; SpringAspect with 8 warm-up iterations, each fork starting a small Spring
# context; then about a minute of CpuTimeCheck) takes about 15 minutes on 2 cores. Whether the bulkhead costs
# anything while off is benchmarks/bulkhead-off.sh (two builds compared). Only the Spring scenario, quickly (keep the 8 warm-ups: Resilience4j's aspect needs about 6 s):
#     benchmarks/run.sh -f 1 -wi 8 -i 5 -w 1s -r 1s SpringAspect
# CPU profiles of chosen benchmarks (async-profiler, not safepoint-biased): benchmarks/profile.sh, e.g.
#     benchmarks/profile.sh 'OpenRejection\.(core|nanoTime)$'
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests
out=benchmarks/results
mkdir -p "$out"
{
    echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ)  nproc=$(nproc)  $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
    java -version 2>&1 | sed 's/^/# /'
    echo "# java -Dbench.table=$out/table.md -jar benchmarks/target/benchmarks.jar -prof gc -rf json -rff $out/results.json $*"
} > "$out/results.txt"
java -Dbench.table="$out/table.md" -jar benchmarks/target/benchmarks.jar \
    -prof gc -rf json -rff "$out/results.json" "$@" 2>&1 | tee -a "$out/results.txt"
# On-CPU time per call, 1 and 2 threads: unaffected by time spent descheduled on a shared machine.
if [ "$#" -eq 0 ]; then
    java -cp benchmarks/target/benchmarks.jar dev.circuitbreaker.benchmarks.CpuTimeCheck 1 2 2>/dev/null | tee "$out/cpu-time.md"
fi
