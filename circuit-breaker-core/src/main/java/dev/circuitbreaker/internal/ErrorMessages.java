package dev.circuitbreaker.internal;

import java.util.regex.Pattern;

/**
 * Turns an exception's class name and message into the text a history entry shows: secret-looking values masked,
 * then truncated. History is shown on dashboards and endpoints, so it must not leak credentials that a downstream
 * echoed into an exception message.
 */
public final class ErrorMessages {

    /** The longest text kept, in characters, including the class name. */
    public static final int MAX_LENGTH = 200;
    static final String MASK = "******";

    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)((?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?|auth)"
                    + "[\\w-]*\"?\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;&\"'}]+)");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+");

    private ErrorMessages() {
    }

    /** {@code ClassName: message}, masked and truncated; just the class name when there is no message. */
    public static String format(String className, String message) {
        String text = message == null ? className : className + ": " + sanitize(message);
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
    }

    /** Masks the values of secret-looking keys ({@code password=...}, {@code token: ...}) and bearer tokens. */
    public static String sanitize(String message) {
        String masked = BEARER.matcher(message).replaceAll("$1 " + MASK);
        return KEY_VALUE.matcher(masked).replaceAll("$1" + MASK);
    }
}
