package org.hrdd.generate;

/** RFC 4180 formatting: quote a field only when it needs it, double embedded quotes. */
final class Csv {
    private Csv() {}

    static void appendField(StringBuilder sb, String v) {
        if (v == null) return;
        boolean quote = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                quote = true;
                break;
            }
        }
        if (!quote && !v.isEmpty() && (v.charAt(0) == ' ' || v.charAt(v.length() - 1) == ' ')) quote = true;
        if (!quote) {
            sb.append(v);
            return;
        }
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') sb.append('"');
            sb.append(c);
        }
        sb.append('"');
    }

    static String line(String[] fields) {
        StringBuilder sb = new StringBuilder(256);
        appendLine(sb, fields);
        return sb.toString();
    }

    static void appendLine(StringBuilder sb, String[] fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) sb.append(',');
            appendField(sb, fields[i]);
        }
        sb.append('\n');
    }

    /** JSON string literal with the escapes JSON requires. */
    static void appendJson(StringBuilder sb, String v) {
        if (v == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }

    static String fmt(double v, int decimals) {
        return java.math.BigDecimal.valueOf(v)
                .setScale(decimals, java.math.RoundingMode.HALF_UP)
                .toPlainString();
    }
}
