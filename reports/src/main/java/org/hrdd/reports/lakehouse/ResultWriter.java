package org.hrdd.reports.lakehouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes a JDBC result set as a text table, CSV or JSON lines, at most {@code maxRows} rows. */
public final class ResultWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultWriter() {}

    /** @return rows written; when the result had more than {@code maxRows}, {@code maxRows + 1} is not written */
    public static Written write(ResultSet rs, ResultFormat format, int maxRows, PrintWriter out)
            throws SQLException, IOException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            names.add(md.getColumnLabel(i));
        }
        long rows = 0;
        boolean more = false;
        switch (format) {
            case CSV -> {
                CSVPrinter csv = new CSVPrinter(
                        out,
                        CSVFormat.RFC4180
                                .builder()
                                .setHeader(names.toArray(String[]::new))
                                .get());
                while (rs.next()) {
                    if (rows == maxRows) {
                        more = true;
                        break;
                    }
                    List<Object> values = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        values.add(text(rs.getObject(i)));
                    }
                    csv.printRecord(values);
                    rows++;
                }
                csv.flush();
            }
            case JSON -> {
                while (rs.next()) {
                    if (rows == maxRows) {
                        more = true;
                        break;
                    }
                    ObjectNode o = JSON.createObjectNode();
                    for (int i = 1; i <= n; i++) {
                        put(o, names.get(i - 1), rs.getObject(i));
                    }
                    out.println(JSON.writeValueAsString(o));
                    rows++;
                }
            }
            case TABLE -> {
                List<String[]> cells = new ArrayList<>();
                boolean[] numeric = new boolean[n];
                while (rs.next()) {
                    if (rows == maxRows) {
                        more = true;
                        break;
                    }
                    String[] r = new String[n];
                    for (int i = 1; i <= n; i++) {
                        Object v = rs.getObject(i);
                        numeric[i - 1] |= v instanceof Number;
                        r[i - 1] = v == null
                                ? "NULL"
                                : text(v).replace("\r", "\\r").replace("\n", "\\n");
                    }
                    cells.add(r);
                    rows++;
                }
                table(names, cells, numeric, out);
            }
            default -> throw new IllegalArgumentException(String.valueOf(format));
        }
        out.flush();
        return new Written(rows, more);
    }

    /** @param truncated the result has more rows than were written */
    public record Written(long rows, boolean truncated) {}

    private static void table(List<String> names, List<String[]> cells, boolean[] numeric, PrintWriter out) {
        int[] width = new int[names.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = names.get(i).codePointCount(0, names.get(i).length());
            for (String[] r : cells) {
                width[i] = Math.max(width[i], r[i].codePointCount(0, r[i].length()));
            }
        }
        out.println(line(names.toArray(String[]::new), width, numeric));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
        }
        out.println(rule);
        for (String[] r : cells) {
            out.println(line(r, width, numeric));
        }
    }

    private static String line(String[] values, int[] width, boolean[] right) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            String pad = " ".repeat(width[i] - values[i].codePointCount(0, values[i].length()));
            b.append(i == 0 ? "" : " | ").append(right[i] ? pad + values[i] : values[i] + pad);
        }
        return b.toString().stripTrailing();
    }

    private static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }

    private static void put(ObjectNode o, String name, Object v) {
        if (v == null) {
            o.putNull(name);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            o.put(name, ((Number) v).longValue());
        } else if (v instanceof BigDecimal d) {
            o.put(name, d);
        } else if (v instanceof Number num) {
            o.put(name, num.doubleValue());
        } else if (v instanceof Boolean b) {
            o.put(name, b);
        } else {
            o.put(name, v.toString());
        }
    }
}
