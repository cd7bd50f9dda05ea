package org.hrdd.reports.publish;

/** Escaping for the report's XHTML: every piece of data goes through {@link #text}; nothing else builds markup. */
public final class Html {

    private Html() {}

    /**
     * Text content or attribute value: {@code & < > " '} escaped, characters XML 1.0 forbids (controls other than tab,
     * newline, carriage return; lone surrogates) dropped, so the document stays well-formed for the PDF renderer.
     */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c)
                            && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)
                            || c == 0xFFFE
                            || c == 0xFFFF
                            || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
                        continue;
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
