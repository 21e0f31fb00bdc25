package dev.bankml.workflow.settings;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How the text of one setting becomes its value and back: parsing with the check of its bounds or
 * allowed values, the canonical text a job argument carries, and the words that say what is expected
 * (used by every error message, every {@code --help} and the CDK's context checks).
 *
 * @param <T> the value's Java type
 */
public interface ValueType<T> {

    /**
     * The value of {@code text}.
     *
     * @throws IllegalArgumentException whose message is {@link #expected()} (or more precise words)
     */
    T parse(String text);

    /** The text that parses back to {@code value}. */
    String format(T value);

    /** What a valid value is, in words: "a number in [0, 1]". */
    String expected();

    /** The placeholder in a usage line: {@code X}, {@code N}, {@code PATH}, {@code a|b}. */
    String metavar();

    /**
     * A type from its parts.
     *
     * @param parser    the value of a text, or an {@link IllegalArgumentException} (its message says why;
     *                  without one, {@code expected} does)
     * @param formatter the text of a value
     */
    record Of<T>(Function<String, T> parser, Function<T, String> formatter, String expected, String metavar)
            implements ValueType<T> {
        @Override
        public T parse(String text) {
            try {
                return parser.apply(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(expected, e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() == null ? expected : e.getMessage(), e);
            }
        }

        @Override
        public String format(T value) {
            return formatter.apply(value);
        }
    }

    /** A number within bounds ({@code [min, max]}, or {@code (min, max]} when the minimum is excluded). */
    static ValueType<Double> decimal(double min, boolean minIncluded, double max) {
        String expected = "a number in " + (minIncluded ? "[" : "(") + plain(min) + ", " + plain(max) + "]";
        return new Of<>(text -> {
            double d = Double.parseDouble(text.strip());
            if (Double.isNaN(d) || d > max || d < min || (!minIncluded && d == min)) {
                throw new IllegalArgumentException(expected);
            }
            return d;
        }, d -> Double.toString(d), expected, "X");
    }

    /** A whole number from {@code min} to {@code max}; {@code bound} says why the bounds are what they are (or null). */
    static ValueType<Long> integer(long min, long max, String bound) {
        String expected = "an integer from " + min + " to " + max + (bound == null ? "" : " (" + bound + ")");
        return new Of<>(text -> {
            long v = Long.parseLong(text.strip());
            if (v < min || v > max) {
                throw new IllegalArgumentException(expected);
            }
            return v;
        }, v -> Long.toString(v), expected, "N");
    }

    /** {@code true} or {@code false}, any case: the one spelling cdk.json, Glue and a command line share. */
    static ValueType<Boolean> bool() {
        return new Of<>(text -> switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException();
        }, b -> Boolean.toString(b), "true or false", "true|false");
    }

    /** One of {@code allowed} (case-insensitive on input, as written in {@code allowed} on output). */
    static ValueType<String> choice(List<String> allowed) {
        List<String> values = List.copyOf(allowed);
        return new Of<>(text -> values.stream().filter(v -> v.equalsIgnoreCase(text.strip())).findFirst()
                .orElseThrow(IllegalArgumentException::new), v -> v, "one of " + values.stream().sorted().toList(),
                String.join("|", values));
    }

    /** Free text matching {@code pattern}, lower-cased when {@code lowerCase}; {@code expected} says what it must be. */
    static ValueType<String> text(String pattern, boolean lowerCase, String expected, String metavar) {
        return new Of<>(text -> {
            String t = lowerCase ? text.strip().toLowerCase(Locale.ROOT) : text.strip();
            if (!t.matches(pattern)) {
                throw new IllegalArgumentException();
            }
            return t;
        }, v -> v, expected, metavar);
    }

    /** A location: a local path, {@code s3://} or {@code s3a://}; anything not blank. */
    static ValueType<String> path() {
        return text("(?s).*\\S.*", false, "a path (local, s3:// or s3a://)", "PATH");
    }

    /**
     * A comma-separated list of items, each matching {@code itemPattern}: trimmed, lower-cased, without
     * empty items or repeats; empty text is the empty list.
     */
    static ValueType<List<String>> list(String itemPattern, String expected, String metavar) {
        return new Of<>(text -> {
            List<String> items = Arrays.stream(text.split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT))
                    .filter(Predicate.not(String::isEmpty)).distinct().toList();
            if (items.stream().anyMatch(item -> !item.matches(itemPattern))) {
                throw new IllegalArgumentException();
            }
            return items;
        }, v -> String.join(",", v), expected, metavar);
    }

    /**
     * A character encoding this Java knows that writes line breaks, delimiters and quotes as their
     * ASCII bytes (UTF-8, windows-1252, ISO-8859-*; not UTF-16), by its canonical name.
     */
    static ValueType<String> asciiCompatibleEncoding() {
        return new Of<>(text -> {
            Charset cs;
            try {
                cs = Charset.forName(text.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not an encoding this Java knows; use for example utf-8, "
                        + "windows-1252 or iso-8859-1");
            }
            if (!isAsciiCompatible(cs)) {
                throw new IllegalArgumentException("only encodings that write line breaks, delimiters and quotes as "
                        + "ASCII bytes are supported (utf-8, windows-1252, iso-8859-*); convert the file to UTF-8 first");
            }
            return cs.name();
        }, v -> v, "an ASCII-compatible encoding such as utf-8, windows-1252 or iso-8859-1", "NAME");
    }

    /** Whether the line breaks, delimiters and quotes are the ASCII bytes in this encoding (UTF-16 is not). */
    static boolean isAsciiCompatible(Charset charset) {
        String probe = ",;\t|\"\r\nAz09";
        return Arrays.equals(probe.getBytes(charset), probe.getBytes(StandardCharsets.US_ASCII));
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
