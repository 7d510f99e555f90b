#!/usr/bin/env bash
# CPU profiles of selected benchmarks with async-profiler (JMH's -prof async), because -prof perfasm does not work on
# a VM without hardware counters or hsdis, and -prof stack only samples at safepoints.
#
#     benchmarks/profile.sh 'OpenRejection\.(core|nanoTime)$'
#     benchmarks/profile.sh -i 5 -r 3s 'ClosedSuccess\.(core|floor)$'        # JMH options override the defaults
#     EVENT=itimer benchmarks/profile.sh 'SpringAspect\.(starterNoDuration|noopAdvice)$'
#
# Builds the uber-jar like run.sh; the same build unpacks async-profiler's native library from Maven Central's
# tools.profiler:async-profiler (version in benchmarks/pom.xml) into benchmarks/target/async-profiler/.
# Defaults: -f 1 -wi 3 -i 3 -w 1s -r 2s (-wi 8 if the selection names SpringAspect: Resilience4j's aspect there needs
# it and the class asks for 8), each replaced by the same option given on the command line.
# Sampling: EVENT (default cpu: perf_events' cpu-clock, a software event, works without hardware counters; needs
# root or kernel.perf_event_paranoid <= 1, else use EVENT=itimer), INTERVAL in ns of CPU time (default 1000000),
# during the measurement iterations only, with -XX:+DebugNonSafepoints so inlined frames are attributed.
# Output per benchmark:
#     benchmarks/results/profiles/<Class.method>.txt   small, readable: the JMH score; from the JFR recording (read
#         with the JDK's jfr tool), the benchmark thread's hottest frames by self time, by inclusive time, and by
#         source line; then async-profiler's own text summary (top stack traces and flat profile, all threads)
#     benchmarks/target/profiles/<benchmark>-AverageTime/   raw: summary-cpu.txt, jfr-cpu.jfr (opens in JMC or
#         IntelliJ; with output=jfr, JMH's collapsed and flame graph outputs come out empty, so they are not asked for)
# Frame suffixes in async-profiler's summary (ann=true): _[j] compiled, _[i] inlined into its caller, _[1] C1,
# _[0] interpreted. [vdso] is the kernel's vDSO (clock_gettime's user-space part).
set -euo pipefail
cd "$(dirname "$0")/.."

event=${EVENT:-cpu}
interval=${INTERVAL:-1000000}
flat=${FLAT:-25}
traces=${TRACES:-8}

case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) arch=linux-x64 ;;
    Linux-aarch64) arch=linux-arm64 ;;
    *) echo "profile.sh: async-profiler's jar has no library for $(uname -s)-$(uname -m) here" >&2; exit 1 ;;
esac

if [ "$#" -eq 0 ]; then
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 2
fi

./mvnw -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests
lib="$PWD/benchmarks/target/async-profiler/$arch/libasyncProfiler.so"
[ -f "$lib" ] || { echo "profile.sh: $lib missing after the build" >&2; exit 1; }

raw=benchmarks/target/profiles
out=benchmarks/results/profiles
mkdir -p "$raw" "$out"

# The defaults, each unless the command line has the same option.
defaults=()
has() { local o; for o in "${@:2}"; do [ "$o" = "$1" ] && return 0; done; return 1; }
spring=no
for a in "$@"; do case "$a" in *SpringAspect*) spring=yes ;; esac; done
has -f "$@" || defaults+=(-f 1)
if ! has -wi "$@"; then
    if [ "$spring" = yes ]; then defaults+=(-wi 8); else defaults+=(-wi 3); fi
fi
has -i "$@" || defaults+=(-i 3)
has -w "$@" || defaults+=(-w 1s)
has -r "$@" || defaults+=(-r 2s)

prof="async:libPath=$lib;event=$event;interval=$interval;output=text,jfr"
prof+=";ann=true;threads=true;flat=$flat;traces=$traces;dir=$raw"
cmd=(java -jar benchmarks/target/benchmarks.jar "${defaults[@]}" "$@"
     -prof "$prof" -jvmArgsAppend "-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints")
log="$raw/jmh.log"
{
    echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ)  nproc=$(nproc)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
    java -version 2>&1 | sed 's/^/# /'
    printf '#'
    for a in "${cmd[@]}"; do case "$a" in *[!A-Za-z0-9_./:=+,-]*) printf " '%s'" "$a" ;; *) printf ' %s' "$a" ;; esac; done
    echo
} > "$log"
touch "$raw/.started"
"${cmd[@]}" 2>&1 | tee -a "$log"

# One small text file per benchmark profiled in this run.
for dir in "$raw"/*-AverageTime; do
    bench=$(basename "$dir" -AverageTime)          # dev.circuitbreaker.benchmarks.Class.method
    short=${bench#dev.circuitbreaker.benchmarks.}  # Class.method
    summary=$(ls "$dir"/summary-*.txt 2>/dev/null | head -1 || true)
    recording=$(ls "$dir"/jfr-*.jfr 2>/dev/null | head -1 || true)
    [ -n "$summary" ] && [ -n "$recording" ] && [ "$summary" -nt "$raw/.started" ] || continue   # not from this run
    {
        echo "# $short: async-profiler 4.1, event=$event, interval=${interval} ns, measurement iterations only"
        sed -n '2,4p' "$log"
        sed -n 's/^# java /# java /p' "$log" | head -1
        grep -E "^${short//./\\.} +avgt" "$log" | sed 's/^/# JMH: /' || true
        echo
        # The samples from the JFR recording (the JDK's jfr tool prints each with its thread and its frames, leaf
        # first, as "pkg.Class.method(Args) line: N"), the benchmark thread's only.
        jfr print --events jdk.ExecutionSample --stack-depth 64 "$recording" | awk -v flat="$flat" '
            function top(arr, total, k,   key) {
                for (key in arr) printf "%7.2f%%  %7d  %s\n", 100 * arr[key] / total, arr[key], key | "sort -k2,2nr | head -" k
                close("sort -k2,2nr | head -" k)
            }
            /sampledThread = / { worker = /jmh-worker/; next }
            /stackTrace = \[/ { n = 0; in_st = 1; next }
            in_st && /^ *\]/ {
                in_st = 0; all++
                if (!worker) { other[name[1]]++; next }
                bench++
                self[name[1]]++
                lines[line[1] (n > 1 ? "  <-  " line[2] : "")]++
                # Inclusive: the frames below the JMH stub; a stack the profiler could not walk up to the stub
                # counts by the frames it has.
                stub = 0
                for (i = 1; i <= n; i++) if (name[i] ~ /_jmhStub$/) stub = i
                if (stub) walked++; else stub = n + 1
                delete seen
                for (i = 1; i < stub; i++) if (!(name[i] in seen)) { seen[name[i]] = 1; incl[name[i]]++ }
                next
            }
            in_st && /^ *\.\.\./ { next }
            in_st {
                sub(/^ +/, ""); n++
                f = $0; sub(/ line: [0-9]+$/, "", f); sub(/\(.*$/, "", f); sub(/^\./, "", f)
                l = $0; sub(/\(.*\) line: /, ":", l); sub(/^\./, "", l); sub(/:0$/, "", l)
                name[n] = f; line[n] = l
            }
            END {
                printf "Samples: %d in all threads, %d (%.1f %%) in the benchmark thread; shares below are of the benchmark thread'"'"'s.\n",
                    all, bench, all ? 100 * bench / all : 0
                printf "Of those, %.1f %% have a full stack up to the JMH stub; the rest were truncated by the profiler.\n",
                    bench ? 100 * walked / bench : 0
                print ""
                print "Other threads (JIT compiler, GC, JMH), top 3 leaf frames, % of all samples:"
                top(other, all, 3)
                print ""
                print "Self time (leaf frame), top " flat ":"
                print "  percent  samples  frame"
                top(self, bench, flat)
                print ""
                print "Inclusive time (frame anywhere on the stack below the JMH stub), top " flat ":"
                print "  percent  samples  frame"
                top(incl, bench, flat)
                print ""
                print "Source lines (leaf frame:line  <-  caller:line), top 15:"
                print "  percent  samples  frame"
                top(lines, bench, 15)
            }'
        echo
        echo "async-profiler's own text output (all threads; percentages of all samples; _[i] inlined, _[j] compiled; with a JFR recording the sample counts read 0, the ns are right):"
        echo
        # Stack traces without the frames below the benchmark method (JMH's runner, reflection, the thread pool).
        awk '/^  \[ *[0-9]+\] / && /jmh_generated\./ && /_jmhStub/ { skip = 1 }
             /^$/ || /^---/ { skip = 0 }
             !skip' "$summary"
    } > "$out/$short.txt"
    echo "profile.sh: $out/$short.txt ($(wc -c < "$out/$short.txt") bytes); raw: $dir"
done
