package dev.bankml.workflow.settings;

import java.util.List;
import java.util.Locale;

import dev.bankml.workflow.settings.Setting.Scope;

/** The {@code --help} texts, written from the declarations in {@link Settings}. */
public final class Usage {
    private Usage() {
    }

    /** Glue adds arguments of its own to every run; the jobs let them pass. */
    public static final String UNKNOWN_ARGUMENTS = "Unknown arguments (such as the ones AWS Glue adds) are ignored.";

    /** A job's {@code --help}: its title, then its required and optional arguments, then {@code notes}. */
    public static String of(JobKind job, String... notes) {
        StringBuilder b = new StringBuilder(job.title()).append('\n');
        List<Setting<?>> read = Settings.readBy(job).stream().filter(s -> s.scope() != Scope.GLUE).toList();
        List<Setting<?>> required = read.stream().filter(s -> s.requiredBy(job)).toList();
        if (!required.isEmpty()) {
            b.append("Required:\n");
            required.forEach(s -> b.append(line(s, s.help(job), false)).append('\n'));
        }
        b.append("Optional:\n");
        read.stream().filter(s -> !s.requiredBy(job)).forEach(s -> b.append(line(s, s.help(job), true)).append('\n'));
        for (String n : notes) {
            b.append(n).append('\n');
        }
        return b.append(UNKNOWN_ARGUMENTS).toString();
    }

    /** One option line: {@code   --name METAVAR   help (default x)}. */
    public static String line(Setting<?> s, String help, boolean withDefault) {
        String head = s.flag() + " " + s.type().metavar();
        String dflt = withDefault ? s.defaultText().map(d -> " (default " + d + ")").orElse("") : "";
        return String.format(Locale.ROOT, "  %-30s %s%s", head, help, dflt);
    }

    /** Option lines of several settings, their own help each. */
    public static String lines(List<Setting<?>> settings) {
        StringBuilder b = new StringBuilder();
        settings.forEach(s -> b.append(line(s, s.help(), true)).append('\n'));
        return b.toString();
    }
}
