package dev.circuitbreaker.model;

import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.SlidingWindowType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SPEC section 1 as a plain single-threaded model, written for obviousness, not speed: the window is a list of
 * entries filtered on every question, and every state keeps what it needs in plain fields. The clock is whatever
 * the driver passes in (nanoseconds, like the ticker).
 */
final class ReferenceBreaker {

    private static final long SECOND = 1_000_000_000L;

    /** One finished call in the CLOSED window. */
    private record Entry(long tick, boolean failure, boolean slow, Class<?> category) {
    }

    /** A permit: the state period it was taken in, and for a trial when it was taken. */
    record Permit(long period, long acquiredAt, long startTick) {
    }

    /** What the stats show of a window. */
    record Window(int calls, int failures, int slow) {
        static final Window EMPTY = new Window(0, 0, 0);
    }

    enum Kind { SUCCESS, FAILURE, IGNORED }

    private final CircuitBreakerConfig config;
    private final long baseWait;
    private final long maxWait;
    private final long slowNanos;
    private final long maxTrialNanos;

    CircuitState state = CircuitState.CLOSED;
    /** Bumped whenever a state is entered: a permit of an older period is stale. */
    private long period;
    long successful;
    long failed;
    long ignored;
    long notPermitted;
    long slow;

    /** How often each interesting thing happened, so the test can show its sequences reached them. */
    final java.util.Map<String, Integer> coverage = new java.util.TreeMap<>();
    long longestOpenWait;

    private final List<Entry> window = new ArrayList<>();
    private long closedSince;
    private long openedAt;
    private long openWait;
    private Window frozen = Window.EMPTY;
    private int trialSuccesses;
    private final List<Permit> trials = new ArrayList<>();

    ReferenceBreaker(CircuitBreakerConfig config, long now) {
        this.config = config;
        this.baseWait = config.waitDurationInOpenState().toNanos();
        this.maxWait = Math.max(baseWait, config.maxWaitDurationInOpenState().toNanos());
        this.slowNanos = config.slowCallDurationThreshold() == null ? -1 : config.slowCallDurationThreshold().toNanos();
        this.maxTrialNanos = config.maxWaitDurationInHalfOpenState().toNanos();
        enterClosed(now);
    }

    // ---- calls ----

    /** A permit, or null when the call is rejected (and counted as not permitted). */
    Permit acquire(long now) {
        if (state == CircuitState.OPEN && now - openedAt >= openWait) {
            enterHalfOpen();
        }
        switch (state) {
            case CLOSED, DISABLED:
                return new Permit(period, now, now);
            case HALF_OPEN:
                long running = trials.stream().filter(t -> now - t.acquiredAt() < maxTrialNanos).count();
                if (running < config.permittedCallsInHalfOpenState()) {
                    Permit trial = new Permit(period, now, now);
                    trials.add(trial);
                    return trial;
                }
                cover("trial rejected: permits in use");
                break;
            default:
                break;
        }
        notPermitted++;
        return null;
    }

    /** Reports a finished call: {@code error} null for a return, else the throwable; {@code cancelled} for a cancelled async call. */
    void complete(Permit permit, Throwable error, boolean cancelled, long now) {
        long duration = now - permit.startTick();
        Kind kind;
        Class<?> category = null;
        if (cancelled) {
            kind = Kind.IGNORED;
        } else if (error == null) {
            kind = Kind.SUCCESS;
        } else if (isIgnored(error)) {
            kind = Kind.IGNORED;
        } else if (!isRecorded(error)) {
            kind = Kind.SUCCESS;
        } else {
            kind = Kind.FAILURE;
            category = categoryOf(error);
        }
        boolean isSlow = kind != Kind.IGNORED && slowNanos >= 0 && duration > slowNanos;
        switch (kind) {
            case SUCCESS -> successful++;
            case FAILURE -> failed++;
            default -> ignored++;
        }
        if (isSlow) {
            slow++;
        }
        if (permit.period() != period) {
            cover("stale report");
            return; // the state moved on: counted, decides nothing
        }
        if (state == CircuitState.CLOSED && kind != Kind.IGNORED) {
            window.add(new Entry(now, kind == Kind.FAILURE, isSlow, category));
            dropOld(now);
            if (tripped()) {
                cover("CLOSED tripped");
                enterOpen(now, openWait, windowAt(now));
            }
        } else if (state == CircuitState.HALF_OPEN) {
            trials.remove(permit);
            boolean expired = now - permit.acquiredAt() >= maxTrialNanos;
            if (expired || kind == Kind.IGNORED) {
                cover(expired ? "expired trial reported" : "ignored trial");
                return;
            }
            if (kind == Kind.FAILURE || isSlow) {
                cover(kind == Kind.FAILURE ? "failed trial reopened" : "slow trial reopened");
                int failures = kind == Kind.FAILURE ? 1 : 0;
                enterOpen(now, nextWait(openWait),
                        new Window(trialSuccesses + 1, failures, isSlow ? 1 : 0));
            } else if (++trialSuccesses >= config.successThreshold()) {
                cover("trials closed it");
                enterClosed(now);
            }
        }
    }

    // ---- manual control ----

    void transitionTo(CircuitState target, long now) {
        if (target == state) {
            return;
        }
        switch (target) {
            case CLOSED -> enterClosed(now);
            case OPEN -> enterOpen(now, openWait, windowAt(now));
            case HALF_OPEN -> enterHalfOpen();
            case FORCED_OPEN -> enterFrozen(CircuitState.FORCED_OPEN, windowAt(now));
            case DISABLED -> {
                enterFrozen(CircuitState.DISABLED, Window.EMPTY);
                openWait = baseWait;
            }
        }
    }

    void reset(long now) {
        successful = failed = ignored = notPermitted = slow = 0;
        enterClosed(now);
    }

    // ---- what the stats show ----

    Window windowAt(long now) {
        return switch (state) {
            case CLOSED -> {
                int calls = 0;
                int failures = 0;
                int slowCalls = 0;
                for (Entry e : window) {
                    if (inWindow(e, now)) {
                        calls++;
                        failures += e.failure() ? 1 : 0;
                        slowCalls += e.slow() ? 1 : 0;
                    }
                }
                yield new Window(calls, failures, slowCalls);
            }
            case HALF_OPEN -> new Window(trialSuccesses, 0, 0);
            case DISABLED -> Window.EMPTY;
            default -> frozen;
        };
    }

    double rate(int count, int calls) {
        int minimum = config.slidingWindowType() == SlidingWindowType.COUNT_BASED
                ? Math.min(config.minimumNumberOfCalls(), config.slidingWindowSize())
                : config.minimumNumberOfCalls();
        return calls == 0 || calls < minimum ? -1 : count * 100.0 / calls;
    }

    Duration remainingWait(long now) {
        return state == CircuitState.OPEN ? Duration.ofNanos(Math.max(0, openWait - (now - openedAt))) : Duration.ZERO;
    }

    long total() {
        return successful + failed + ignored + notPermitted;
    }

    // ---- rules ----

    private boolean tripped() {
        int calls = window.size();
        long failures = window.stream().filter(Entry::failure).count();
        long slowCalls = window.stream().filter(Entry::slow).count();
        long defaultFailures = window.stream().filter(e -> e.failure() && e.category() == null).count();
        if (config.failureThreshold() > 0 && defaultFailures >= config.failureThreshold()) {
            return true;
        }
        for (Map.Entry<Class<? extends Throwable>, Integer> t : config.exceptionThresholds().entrySet()) {
            long ofType = window.stream().filter(e -> e.failure() && e.category() == t.getKey()).count();
            if (ofType >= t.getValue()) {
                return true;
            }
        }
        if (calls < config.minimumNumberOfCalls()) {
            return false;
        }
        boolean rate = config.hasFailureRateRule() && failures * 100.0 >= config.failureRateThreshold() * calls;
        boolean slowRate = config.hasSlowCallRule() && slowCalls * 100.0 >= config.slowCallRateThreshold() * calls;
        return rate || slowRate;
    }

    private void dropOld(long now) {
        if (config.slidingWindowType() == SlidingWindowType.COUNT_BASED) {
            while (window.size() > config.slidingWindowSize()) {
                window.remove(0);
            }
        } else {
            window.removeIf(e -> !inWindow(e, now));
        }
    }

    /** COUNT_BASED: every kept entry; TIME_BASED: entries of the last N whole seconds counted from entering CLOSED. */
    private boolean inWindow(Entry e, long now) {
        if (config.slidingWindowType() == SlidingWindowType.COUNT_BASED) {
            return true;
        }
        return secondOf(e.tick()) > secondOf(now) - config.slidingWindowSize();
    }

    private long secondOf(long tick) {
        return Math.floorDiv(tick - closedSince, SECOND);
    }

    private long nextWait(long wait) {
        if (config.backoffMultiplier() == 1.0) {
            return wait;
        }
        double next = wait * config.backoffMultiplier();
        return next >= maxWait ? maxWait : (long) next;
    }

    private Class<?> categoryOf(Throwable error) {
        for (Class<?> c = error.getClass(); c != null; c = c.getSuperclass()) {
            if (config.exceptionThresholds().containsKey(c)) {
                return c;
            }
        }
        return null;
    }

    private boolean isIgnored(Throwable error) {
        return config.ignoreExceptions().stream().anyMatch(t -> t.isInstance(error));
    }

    private boolean isRecorded(Throwable error) {
        return config.recordExceptions().isEmpty() || config.recordExceptions().stream().anyMatch(t -> t.isInstance(error));
    }

    private void cover(String what) {
        coverage.merge(what, 1, Integer::sum);
    }

    // ---- entering states ----

    private void enterClosed(long now) {
        period++;
        state = CircuitState.CLOSED;
        window.clear();
        closedSince = now;
        openWait = baseWait;
        trials.clear();
    }

    private void enterOpen(long now, long wait, Window shown) {
        period++;
        state = CircuitState.OPEN;
        openedAt = now;
        openWait = wait;
        longestOpenWait = Math.max(longestOpenWait, wait);
        frozen = shown;
        trials.clear();
    }

    private void enterHalfOpen() {
        period++;
        state = CircuitState.HALF_OPEN;
        trialSuccesses = 0;
        trials.clear();
    }

    private void enterFrozen(CircuitState target, Window shown) {
        period++;
        state = target;
        frozen = shown;
        trials.clear();
    }
}
