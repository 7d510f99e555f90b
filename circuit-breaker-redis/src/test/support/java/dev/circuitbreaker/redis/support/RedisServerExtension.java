package dev.circuitbreaker.redis.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * Starts one {@link RedisServer} per test class and hands it to test methods as a parameter; before each test it is
 * running (restarted if a test killed it) and empty. Without a {@code redis-server} binary the tests are skipped,
 * except with {@code CI=true}, where that is a failure: CI must install it ({@code .ci/run} does).
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RedisServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!RedisServer.installed()) {
            String message = "redis-server is not installed (apt-get install redis-server)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + ": CI=true, so the Redis tests must run");
            }
            throw new TestAbortedException(message + ": Redis tests skipped");
        }
        context.getStore(NS).put("server", RedisServer.start());
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        RedisServer server = server(context);
        if (!server.running()) {
            server.launch();
        } else {
            server.resume(); // a test that failed while it was paused
        }
        server.flushAll();
        server.cli("CONFIG", "RESETSTAT");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        RedisServer server = context.getStore(NS).remove("server", RedisServer.class);
        if (server != null) {
            server.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RedisServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private static RedisServer server(ExtensionContext context) {
        RedisServer server = context.getStore(NS).get("server", RedisServer.class);
        if (server == null) {
            server = context.getParent().map(p -> p.getStore(NS).get("server", RedisServer.class)).orElse(null);
        }
        return server;
    }
}
