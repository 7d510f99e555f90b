package dev.circuitbreaker.spring.cloud.gateway;

import dev.circuitbreaker.CallNotPermittedException;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Cloud Gateway (WebFlux)'s {@code CircuitBreaker} filter ({@code filters: - CircuitBreaker=bankRoute}) on the
 * registry's breakers; Gateway itself registers this filter only for Resilience4j's reactive factory. Without a
 * fallback URI, a call the breaker did not run answers 503 Service Unavailable (with {@code Retry-After} when the
 * breaker is OPEN), a call over the breaker's {@code callTimeout} 504 Gateway Timeout, and any other failure keeps
 * Gateway's answer. Thread-safe.
 */
public final class GatewayCircuitBreakerFilterFactory extends SpringCloudCircuitBreakerFilterFactory {

    /**
     * A filter factory whose routes use {@code factory}'s breakers.
     *
     * @param factory the reactive factory of the breakers
     * @param dispatcherHandler WebFlux's dispatcher, for fallback URIs
     */
    public GatewayCircuitBreakerFilterFactory(ReactiveCircuitBreakerFactory<?, ?> factory,
            ObjectProvider<DispatcherHandler> dispatcherHandler) {
        super(factory, dispatcherHandler);
    }

    /**
     * Gateway's filter for {@code config}, which also sets the {@code Retry-After} header of a rejection on the
     * response (Boot's error handler that renders the 503 does not copy an exception's headers). Uses only
     * {@code HttpHeaders} methods that Spring Framework 6 and 7 share.
     *
     * @param config the route's filter arguments
     * @return the route's filter
     */
    @Override
    public GatewayFilter apply(Config config) {
        GatewayFilter filter = super.apply(config);
        return new GatewayFilter() {
            @Override
            public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
                return filter.filter(exchange, chain).onErrorResume(Rejected.class, rejected -> {
                    if (rejected.retryAfterSeconds > 0) {
                        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER,
                                Long.toString(rejected.retryAfterSeconds));
                    }
                    return Mono.error(rejected);
                });
            }

            @Override
            public String toString() {
                return filter.toString();
            }
        };
    }

    @Override
    protected Mono<Void> handleErrorWithoutFallback(Throwable error, boolean resumeWithoutError) {
        if (error instanceof CallNotPermittedException rejection) {
            return Mono.error(new Rejected(rejection));
        }
        if (error instanceof TimeoutException) {
            return Mono.error(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, error.getMessage(), error));
        }
        return resumeWithoutError ? Mono.empty() : Mono.error(error);
    }

    /** 503 for a call the breaker did not run, with {@code Retry-After} when it waits out an OPEN state. */
    static final class Rejected extends ResponseStatusException {

        private static final long serialVersionUID = 1L;

        /** Whole seconds until the breaker lets a trial call in; 0 when there is nothing to wait for. */
        final long retryAfterSeconds;

        Rejected(CallNotPermittedException rejection) {
            super(HttpStatus.SERVICE_UNAVAILABLE, rejection.getMessage(), rejection);
            this.retryAfterSeconds = Rejections.retryAfterSeconds(rejection);
        }

        /** The {@code Retry-After} header, for error handlers that copy an exception's headers. */
        @Override
        public HttpHeaders getHeaders() {
            HttpHeaders headers = new HttpHeaders();
            if (retryAfterSeconds > 0) {
                headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
            }
            return headers;
        }
    }
}
