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

    /** @return the {@code failure-threshold} setting, or {@code null} when not set */
    public Integer getFailureThreshold() {
        return failureThreshold;
    }

    /** @param failureThreshold the {@code failure-threshold} setting, or {@code null} when not set */
    public void setFailureThreshold(Integer failureThreshold) {
        this.failureThreshold = failureThreshold;
    }

    /** @return the {@code sliding-window-type} setting, or {@code null} when not set */
    public SlidingWindowType getSlidingWindowType() {
        return slidingWindowType;
    }

    /** @param slidingWindowType the {@code sliding-window-type} setting, or {@code null} when not set */
    public void setSlidingWindowType(SlidingWindowType slidingWindowType) {
        this.slidingWindowType = slidingWindowType;
    }

    /** @return the {@code sliding-window-size} setting, or {@code null} when not set */
    public Integer getSlidingWindowSize() {
        return slidingWindowSize;
    }

    /** @param slidingWindowSize the {@code sliding-window-size} setting, or {@code null} when not set */
    public void setSlidingWindowSize(Integer slidingWindowSize) {
        this.slidingWindowSize = slidingWindowSize;
    }

    /** @return the {@code failure-rate-threshold} setting, or {@code null} when not set */
    public Double getFailureRateThreshold() {
        return failureRateThreshold;
    }

    /** @param failureRateThreshold the {@code failure-rate-threshold} setting, or {@code null} when not set */
    public void setFailureRateThreshold(Double failureRateThreshold) {
        this.failureRateThreshold = failureRateThreshold;
    }

    /** @return the {@code minimum-number-of-calls} setting, or {@code null} when not set */
    public Integer getMinimumNumberOfCalls() {
        return minimumNumberOfCalls;
    }

    /** @param minimumNumberOfCalls the {@code minimum-number-of-calls} setting, or {@code null} when not set */
    public void setMinimumNumberOfCalls(Integer minimumNumberOfCalls) {
        this.minimumNumberOfCalls = minimumNumberOfCalls;
    }

    /** @return the {@code slow-call-duration-threshold} setting, or {@code null} when not set */
    public Duration getSlowCallDurationThreshold() {
        return slowCallDurationThreshold;
    }

    /** @param slowCallDurationThreshold the {@code slow-call-duration-threshold} setting, or {@code null} when not set */
    public void setSlowCallDurationThreshold(Duration slowCallDurationThreshold) {
        this.slowCallDurationThreshold = slowCallDurationThreshold;
    }

    /** @return the {@code slow-call-rate-threshold} setting, or {@code null} when not set */
    public Double getSlowCallRateThreshold() {
        return slowCallRateThreshold;
    }

    /** @param slowCallRateThreshold the {@code slow-call-rate-threshold} setting, or {@code null} when not set */
    public void setSlowCallRateThreshold(Double slowCallRateThreshold) {
        this.slowCallRateThreshold = slowCallRateThreshold;
    }

    /** @return the {@code exception-thresholds} setting, or {@code null} when not set */
    public Map<Class<? extends Throwable>, Integer> getExceptionThresholds() {
        return exceptionThresholds;
    }

    /** @param exceptionThresholds the {@code exception-thresholds} setting, or {@code null} when not set */
    public void setExceptionThresholds(Map<Class<? extends Throwable>, Integer> exceptionThresholds) {
        this.exceptionThresholds = exceptionThresholds;
    }

    /** @return the {@code record-exceptions} setting, or {@code null} when not set */
    public List<Class<? extends Throwable>> getRecordExceptions() {
        return recordExceptions;
    }

    /** @param recordExceptions the {@code record-exceptions} setting, or {@code null} when not set */
    public void setRecordExceptions(List<Class<? extends Throwable>> recordExceptions) {
        this.recordExceptions = recordExceptions;
    }

    /** @return the {@code ignore-exceptions} setting, or {@code null} when not set */
    public List<Class<? extends Throwable>> getIgnoreExceptions() {
        return ignoreExceptions;
    }

    /** @param ignoreExceptions the {@code ignore-exceptions} setting, or {@code null} when not set */
    public void setIgnoreExceptions(List<Class<? extends Throwable>> ignoreExceptions) {
        this.ignoreExceptions = ignoreExceptions;
    }

    /** @return the {@code wait-duration-in-open-state} setting, or {@code null} when not set */
    public Duration getWaitDurationInOpenState() {
        return waitDurationInOpenState;
    }

    /** @param waitDurationInOpenState the {@code wait-duration-in-open-state} setting, or {@code null} when not set */
    public void setWaitDurationInOpenState(Duration waitDurationInOpenState) {
        this.waitDurationInOpenState = waitDurationInOpenState;
    }

    /** @return the {@code backoff-multiplier} setting, or {@code null} when not set */
    public Double getBackoffMultiplier() {
        return backoffMultiplier;
    }

    /** @param backoffMultiplier the {@code backoff-multiplier} setting, or {@code null} when not set */
    public void setBackoffMultiplier(Double backoffMultiplier) {
        this.backoffMultiplier = backoffMultiplier;
    }

    /** @return the {@code max-wait-duration-in-open-state} setting, or {@code null} when not set */
    public Duration getMaxWaitDurationInOpenState() {
        return maxWaitDurationInOpenState;
    }

    /** @param maxWaitDurationInOpenState the {@code max-wait-duration-in-open-state} setting, or {@code null} when not set */
    public void setMaxWaitDurationInOpenState(Duration maxWaitDurationInOpenState) {
        this.maxWaitDurationInOpenState = maxWaitDurationInOpenState;
    }

    /** @return the {@code success-threshold} setting, or {@code null} when not set */
    public Integer getSuccessThreshold() {
        return successThreshold;
    }

    /** @param successThreshold the {@code success-threshold} setting, or {@code null} when not set */
    public void setSuccessThreshold(Integer successThreshold) {
        this.successThreshold = successThreshold;
    }

    /** @return the {@code permitted-calls-in-half-open-state} setting, or {@code null} when not set */
    public Integer getPermittedCallsInHalfOpenState() {
        return permittedCallsInHalfOpenState;
    }

    /** @param permittedCallsInHalfOpenState the {@code permitted-calls-in-half-open-state} setting, or {@code null} when not set */
    public void setPermittedCallsInHalfOpenState(Integer permittedCallsInHalfOpenState) {
        this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState;
    }

    /** @return the {@code max-wait-duration-in-half-open-state} setting, or {@code null} when not set */
    public Duration getMaxWaitDurationInHalfOpenState() {
        return maxWaitDurationInHalfOpenState;
    }

    /** @param maxWaitDurationInHalfOpenState the {@code max-wait-duration-in-half-open-state} setting, or {@code null} when not set */
    public void setMaxWaitDurationInHalfOpenState(Duration maxWaitDurationInHalfOpenState) {
        this.maxWaitDurationInHalfOpenState = maxWaitDurationInHalfOpenState;
    }

    /** @return the {@code history-size} setting, or {@code null} when not set */
    public Integer getHistorySize() {
        return historySize;
    }

    /** @param historySize the {@code history-size} setting, or {@code null} when not set */
    public void setHistorySize(Integer historySize) {
        this.historySize = historySize;
    }

    /** @return the {@code max-concurrent-calls} setting, or {@code null} when not set */
    public Integer getMaxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    /** @param maxConcurrentCalls the {@code max-concurrent-calls} setting, or {@code null} when not set */
    public void setMaxConcurrentCalls(Integer maxConcurrentCalls) {
        this.maxConcurrentCalls = maxConcurrentCalls;
    }

    /** @return the {@code call-timeout} setting, or {@code null} when not set */
    public Duration getCallTimeout() {
        return callTimeout;
    }

    /** @param callTimeout the {@code call-timeout} setting, or {@code null} when not set */
    public void setCallTimeout(Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    /** @return the {@code group} setting, or {@code null} when not set */
    public String getGroup() {
        return group;
    }

    /** @param group the {@code group} setting, or {@code null} when not set */
    public void setGroup(String group) {
        this.group = group;
    }

    /** @return the {@code register-health-indicator} setting, or {@code null} when not set */
    public Boolean getRegisterHealthIndicator() {
        return registerHealthIndicator;
    }

    /** @param registerHealthIndicator the {@code register-health-indicator} setting, or {@code null} when not set */
    public void setRegisterHealthIndicator(Boolean registerHealthIndicator) {
        this.registerHealthIndicator = registerHealthIndicator;
    }

    /** @return the {@code allow-health-indicator-to-fail} setting, or {@code null} when not set */
    public Boolean getAllowHealthIndicatorToFail() {
        return allowHealthIndicatorToFail;
    }

    /** @param allowHealthIndicatorToFail the {@code allow-health-indicator-to-fail} setting, or {@code null} when not set */
    public void setAllowHealthIndicatorToFail(Boolean allowHealthIndicatorToFail) {
        this.allowHealthIndicatorToFail = allowHealthIndicatorToFail;
    }
}
