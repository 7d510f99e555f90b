package dev.circuitbreaker;

/** Argument checks shared by the public builders: each failure names the argument and the value. */
final class Arguments {

    private Arguments() {
    }

    static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be null or blank but was " + (name == null ? null : '"' + name + '"'));
        }
        return name;
    }

    static <T> T requireNonNull(String what, T value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null but was null");
        }
        return value;
    }
}
