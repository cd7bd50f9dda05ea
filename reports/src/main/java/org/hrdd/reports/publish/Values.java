package org.hrdd.reports.publish;

import java.util.Locale;

/** How indicator values print, by the catalogue's unit. */
public final class Values {

    private Values() {}

    public static String format(String unit, Double v) {
        if (v == null || v.isNaN()) {
            return "–";
        }
        return switch (unit == null ? "" : unit) {
            case "share" -> String.format(Locale.ROOT, "%.1f %%", 100 * v);
            case "EUR" -> String.format(Locale.ROOT, "EUR %,.0f", v);
            case "days" -> String.format(Locale.ROOT, "%.1f days", v);
            default -> count(v);
        };
    }

    /** A numerator or denominator: money as money, anything else as a count. */
    public static String part(String unit, Double v) {
        if (v == null || v.isNaN()) {
            return "";
        }
        return "EUR".equals(unit) ? format(unit, v) : "days".equals(unit) ? format(unit, v) : count(v);
    }

    public static String count(Double v) {
        if (v == null || v.isNaN()) {
            return "";
        }
        return v == Math.rint(v)
                ? String.format(Locale.ROOT, "%,d", v.longValue())
                : String.format(Locale.ROOT, "%,.2f", v);
    }
}
