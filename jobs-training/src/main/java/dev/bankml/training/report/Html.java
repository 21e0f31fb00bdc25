package dev.bankml.training.report;

import java.util.Locale;

/** What the training report and the monitoring report share: escaping and the base style sheet. */
public final class Html {
    private Html() {
    }

    /** Text made safe for an HTML element or a double-quoted attribute. */
    public static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Page, headings, tables and right-aligned numbers; each report adds its own rules after it. */
    public static String baseCss(int maxWidthPx) {
        return String.format(Locale.ROOT, "body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;"
                + "margin:2em auto;max-width:%dpx;color:#222;padding:0 1em}h1{font-size:1.6em}h2{font-size:1.2em;"
                + "margin-top:1.8em;border-bottom:1px solid #ddd}.sub{color:#666}table{border-collapse:collapse;"
                + "margin:.5em 0}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}"
                + "th{background:#f5f5f5}td.num{text-align:right;font-variant-numeric:tabular-nums}", maxWidthPx);
    }
}
