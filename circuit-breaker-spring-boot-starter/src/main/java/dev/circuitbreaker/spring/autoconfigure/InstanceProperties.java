package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.SlidingWindowType;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The settings of one breaker, under {@code circuitbreaker.defaults} or {@code circuitbreaker.instances.<name>}.
 * Every core option has a key. A field left {@code null} is not set: an instance then takes the value of
 * {@code defaults}, and {@code defaults} the core's default (named in each field's description). That is why the
 * fields have no initial values: an instance must tell "not set" from "set to the default". A mutable binding
 * target: not thread-safe, read once at startup.
 */
public class InstanceProperties {

    /** Recorded failures in the sliding window that open a closed breaker; 0 switches the count rule off. Default 3. */
    private Integer failureThreshold;

    /** Whether the sliding window counts the last N calls or the last N seconds. Default count-based. */
    private SlidingWindowType slidingWindowType;

    /** The sliding window's size, in calls (count-based) or seconds (time-based). Default 10. */
    private Integer slidingWindowSize;

    /** Failure rate in percent, in (0, 100], that also opens the breaker once the window holds the minimum number of calls. Off by default. */
    private Double failureRateThreshold;

    /** Calls the window must hold before its failure and slow-call rates count. Default 10. */
    private Integer minimumNumberOfCalls;

    /** Calls slower than this are slow, and the slow-call rule is on. Off by default. */
    private Duration slowCallDurationThreshold;

    /** Slow-call rate in percent, in (0, 100], that opens the breaker when a slow-call duration is set. Default 100. */
    private Double slowCallRateThreshold;

    /** Failure limits per exception type (most specific configured type wins) that replace failure-threshold for those failures. None by default. */
    private Map<Class<? extends Throwable>, Integer> exceptionThresholds;

    /** Exception types (with subclasses) recorded as failures; any other exception counts as a success. Default: all. */
    private List<Class<? extends Throwable>> recordExceptions;

    /** Exception types (with subclasses) counted as neither success nor failure; they win over recorded ones. Default: none. */
    private List<Class<? extends Throwable>> ignoreExceptions;

    /** How long an open breaker rejects every call before it lets trial calls in. Default 5s. */
    private Duration waitDurationInOpenState;

    /** Factor the open wait grows by each time a trial fails, up to max-wait-duration-in-open-state. Default 1.0 (no backoff). */
    private Double backoffMultiplier;

    /** The cap of the open wait under backoff. Default 5m. */
    private Duration maxWaitDurationInOpenState;

    /** Consecutive trial successes that close a half-open breaker. Default 2. */
    private Integer successThreshold;

    /** Concurrent trial calls admitted while half-open. Default: the success threshold. */
    private Integer permittedCallsInHalfOpenState;

    /** How long a trial call may hold its permit without reporting back. Default 60s. */
    private Duration maxWaitDurationInHalfOpenState;

    /** How many recent calls the breaker's history keeps; 0 keeps none. Default 100. */
    private Integer historySize;

    /** Bulkhead: at most this many calls of the breaker run at once (an async call until its stage completes); one more is rejected at once with BulkheadFullException, and the fallback runs. 0 (the default) is off. */
    private Integer maxConcurrentCalls;

    /** CompletionStage, callAsync and reactive calls not complete after this fail with a TimeoutException (recorded like any exception) and are cancelled; synchronous calls are never interrupted (the slow-call rule measures their lateness). Off by default. */
    private Duration callTimeout;

    /** Circuit group: breakers in the same group share one state. Not allowed under defaults. None by default. */
    private String group;

    /** Whether the breaker shows in the circuitBreakers health indicator. Default false. */
    private Boolean registerHealthIndicator;

    /** Whether an open breaker makes the health indicator DOWN; otherwise it only shows in the details. Default false. */
    private Boolean allowHealthIndicatorToFail;

    public Integer getFailureThreshold() {
        return failureThreshold;
    }

    public void setFailureThreshold(Integer failureThreshold) {
        this.failureThreshold = failureThreshold;
    }

    public SlidingWindowType getSlidingWindowType() {
        return slidingWindowType;
    }

    public void setSlidingWindowType(SlidingWindowType slidingWindowType) {
        this.slidingWindowType = slidingWindowType;
    }

    public Integer getSlidingWindowSize() {
        return slidingWindowSize;
    }

    public void setSlidingWindowSize(Integer slidingWindowSize) {
        this.slidingWindowSize = slidingWindowSize;
    }

    public Double getFailureRateThreshold() {
        return failureRateThreshold;
    }

    public void setFailureRateThreshold(Double failureRateThreshold) {
        this.failureRateThreshold = failureRateThreshold;
    }

    public Integer getMinimumNumberOfCalls() {
        return minimumNumberOfCalls;
    }

    public void setMinimumNumberOfCalls(Integer minimumNumberOfCalls) {
        this.minimumNumberOfCalls = minimumNumberOfCalls;
    }

    public Duration getSlowCallDurationThreshold() {
        return slowCallDurationThreshold;
    }

    public void setSlowCallDurationThreshold(Duration slowCallDurationThreshold) {
        this.slowCallDurationThreshold = slowCallDurationThreshold;
    }

    public Double getSlowCallRateThreshold() {
        return slowCallRateThreshold;
    }

    public void setSlowCallRateThreshold(Double slowCallRateThreshold) {
        this.slowCallRateThreshold = slowCallRateThreshold;
    }

    public Map<Class<? extends Throwable>, Integer> getExceptionThresholds() {
        return exceptionThresholds;
    }

    public void setExceptionThresholds(Map<Class<? extends Throwable>, Integer> exceptionThresholds) {
        this.exceptionThresholds = exceptionThresholds;
    }

    public List<Class<? extends Throwable>> getRecordExceptions() {
        return recordExceptions;
    }

    public void setRecordExceptions(List<Class<? extends Throwable>> recordExceptions) {
        this.recordExceptions = recordExceptions;
    }

    public List<Class<? extends Throwable>> getIgnoreExceptions() {
        return ignoreExceptions;
    }

    public void setIgnoreExceptions(List<Class<? extends Throwable>> ignoreExceptions) {
        this.ignoreExceptions = ignoreExceptions;
    }

    public Duration getWaitDurationInOpenState() {
        return waitDurationInOpenState;
    }

    public void setWaitDurationInOpenState(Duration waitDurationInOpenState) {
        this.waitDurationInOpenState = waitDurationInOpenState;
    }

    public Double getBackoffMultiplier() {
        return backoffMultiplier;
    }

    public void setBackoffMultiplier(Double backoffMultiplier) {
        this.backoffMultiplier = backoffMultiplier;
    }

    public Duration getMaxWaitDurationInOpenState() {
        return maxWaitDurationInOpenState;
    }

    public void setMaxWaitDurationInOpenState(Duration maxWaitDurationInOpenState) {
        this.maxWaitDurationInOpenState = maxWaitDurationInOpenState;
    }

    public Integer getSuccessThreshold() {
        return successThreshold;
    }

    public void setSuccessThreshold(Integer successThreshold) {
        this.successThreshold = successThreshold;
    }

    public Integer getPermittedCallsInHalfOpenState() {
        return permittedCallsInHalfOpenState;
    }

    public void setPermittedCallsInHalfOpenState(Integer permittedCallsInHalfOpenState) {
        this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState;
    }

    public Duration getMaxWaitDurationInHalfOpenState() {
        return maxWaitDurationInHalfOpenState;
    }

    public void setMaxWaitDurationInHalfOpenState(Duration maxWaitDurationInHalfOpenState) {
        this.maxWaitDurationInHalfOpenState = maxWaitDurationInHalfOpenState;
    }

    public Integer getHistorySize() {
        return historySize;
    }

    public void setHistorySize(Integer historySize) {
        this.historySize = historySize;
    }

    public Integer getMaxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    public void setMaxConcurrentCalls(Integer maxConcurrentCalls) {
        this.maxConcurrentCalls = maxConcurrentCalls;
    }

    public Duration getCallTimeout() {
        return callTimeout;
    }

    public void setCallTimeout(Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public Boolean getRegisterHealthIndicator() {
        return registerHealthIndicator;
    }

    public void setRegisterHealthIndicator(Boolean registerHealthIndicator) {
        this.registerHealthIndicator = registerHealthIndicator;
    }

    public Boolean getAllowHealthIndicatorToFail() {
        return allowHealthIndicatorToFail;
    }

    public void setAllowHealthIndicatorToFail(Boolean allowHealthIndicatorToFail) {
        this.allowHealthIndicatorToFail = allowHealthIndicatorToFail;
    }
}
