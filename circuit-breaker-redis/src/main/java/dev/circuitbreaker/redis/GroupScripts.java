package dev.circuitbreaker.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The Lua scripts that decide a shared group in Redis, each one atomic, and how they are run: EVALSHA, and EVAL
 * once when Redis does not know the script (a restarted Redis). Immutable and thread-safe.
 */
final class GroupScripts {

    static final Script READ = new Script("read");
    static final Script TRIP = new Script("trip");
    static final Script ACQUIRE = new Script("acquire");
    static final Script CLOSE = new Script("close");
    static final Script MANUAL = new Script("manual");

    private GroupScripts() {
    }

    /** One script: the shared prelude followed by its own body. */
    static final class Script {

        private final String name;
        private final String text;
        private final String sha;

        private Script(String name) {
            this.name = name;
            this.text = load("prelude") + "\n" + load(name);
            this.sha = sha1(text);
        }

        /**
         * Runs the script on {@code keys} with {@code args}; the answer (or the failure) comes on a Lettuce thread.
         * Never blocks: Lettuce writes the command from its own event loop.
         */
        CompletionStage<StoreView> run(RedisScriptingAsyncCommands<String, String> commands, String[] keys, String... args) {
            CompletableFuture<StoreView> answer = new CompletableFuture<>();
            commands.<List<Object>>evalsha(sha, ScriptOutputType.MULTI, keys, args).whenComplete((reply, failure) -> {
                if (failure instanceof RedisNoScriptException || failure != null && failure.getCause() instanceof RedisNoScriptException) {
                    commands.<List<Object>>eval(text, ScriptOutputType.MULTI, keys, args)
                            .whenComplete((again, error) -> complete(answer, again, error));
                } else {
                    complete(answer, reply, failure);
                }
            });
            return answer;
        }

        @Override
        public String toString() {
            return name;
        }

        private static void complete(CompletableFuture<StoreView> answer, List<Object> reply, Throwable failure) {
            if (failure != null) {
                answer.completeExceptionally(failure);
                return;
            }
            try {
                answer.complete(StoreView.parse(reply));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        }

        private static String load(String name) {
            try (InputStream in = GroupScripts.class.getResourceAsStream(name + ".lua")) {
                if (in == null) {
                    throw new IllegalStateException("missing script " + name + ".lua");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String sha1(String text) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
