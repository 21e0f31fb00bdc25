package dev.bankml.workflow.settings;

/**
 * A value a setting refuses: names the setting, the value and what is expected. Each reader words
 * where the value came from ({@code argument --x}, {@code CDK context bankml:x}).
 */
public final class InvalidSettingException extends IllegalArgumentException {
    private final transient Setting<?> setting;
    private final String value;
    private final String expected;

    public InvalidSettingException(Setting<?> setting, String value, String expected) {
        super("argument " + setting.flag() + " is '" + value + "': expected " + expected);
        this.setting = setting;
        this.value = value;
        this.expected = expected;
    }

    public Setting<?> setting() {
        return setting;
    }

    public String value() {
        return value;
    }

    /** What a valid value is, in words. */
    public String expected() {
        return expected;
    }
}
