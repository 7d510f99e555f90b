package dev.circuitbreaker;

import dev.circuitbreaker.internal.ErrorMessages;

/**
 * The text a breaker shows for a call's exception, for code outside the core that shows errors beside the history
 * (an event log, a dashboard): {@code ClassName: message}, with secret-looking values masked ({@code password=...},
 * {@code token: ...}, API keys, bearer and basic credentials) and truncated to {@link #MAX_LENGTH} characters,
 * exactly as {@link CallResult#errorMessage()} is. Stateless and thread-safe.
 */
public final class ErrorMessageSanitizer {

    /** The longest text returned, in characters, the class name included. */
    public static final int MAX_LENGTH = ErrorMessages.MAX_LENGTH;

    private ErrorMessageSanitizer() {
    }

    /**
     * The text for an exception of class {@code className} whose {@code getMessage()} returned {@code message}.
     *
     * @param className the exception's class name, e.g. {@code java.io.IOException}; not null
     * @param message the exception's message, or null for none
     * @return {@code className: message} masked and truncated, or just the class name when there is no message
     */
    public static String format(String className, String message) {
        return ErrorMessages.format(Arguments.requireNonNull("className", className), message);
    }

    /**
     * The text for {@code error}: its class name and message, as {@link #format(String, String)} makes it. A
     * {@code getMessage()} that throws is treated as no message.
     *
     * @param error the exception; not null
     * @return the masked and truncated text
     */
    public static String describe(Throwable error) {
        Arguments.requireNonNull("error", error);
        return format(error.getClass().getName(), messageOf(error));
    }

    /** The message of {@code error}, or null if it has none or {@code getMessage()} throws. */
    private static String messageOf(Throwable error) {
        try {
            return error.getMessage();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return null;
        }
    }
}
