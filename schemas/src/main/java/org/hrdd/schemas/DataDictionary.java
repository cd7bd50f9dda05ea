package org.hrdd.schemas;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Renders the contracts as a Markdown data dictionary ({@code hrdd schemas docs}). */
public final class DataDictionary {

    private DataDictionary() {}

    public static String markdown(Collection<Contract> contracts) {
        StringBuilder md = new StringBuilder();
        md.append("# hrdd data dictionary\n\n");
        md.append("Generated from `schemas/contracts/` by `./hrdd schemas docs`; do not edit by hand ")
                .append("(a test fails when this file is stale).\n\n");
        md.append("Privacy classes: `direct_identifier` never leaves bronze; `quasi_identifier` and ")
                .append(
                        "`sensitive` are published only in aggregates over at least k workers; `none` is free to publish.\n\n");
        md.append("| table | layer | key | purpose |\n|---|---|---|---|\n");
        for (Contract c : contracts) {
            md.append("| [")
                    .append(c.table())
                    .append("](#")
                    .append(anchor(c.table()))
                    .append(") | ")
                    .append(c.layer())
                    .append(" | ")
                    .append(String.join(", ", c.primaryKey()))
                    .append(" | ")
                    .append(cell(c.purpose()))
                    .append(" |\n");
        }
        for (Contract c : contracts) {
            md.append("\n## ").append(c.table()).append("\n\n");
            md.append(cell(c.description())).append("\n\n");
            md.append("Contract `")
                    .append(c.id())
                    .append("` version ")
                    .append(c.version())
                    .append("; key: ")
                    .append(String.join(", ", c.primaryKey()))
                    .append(
                            c.partitionColumns().isEmpty()
                                    ? ""
                                    : "; partitioned by: " + String.join(", ", c.partitionColumns()))
                    .append(".\n\n");
            md.append("| column | type | required | privacy | allowed values | description |\n");
            md.append("|---|---|---|---|---|---|\n");
            for (Column col : c.columns()) {
                md.append("| `")
                        .append(col.name())
                        .append("` | ")
                        .append(col.physicalType())
                        .append(" | ")
                        .append(col.required() ? "yes" : "")
                        .append(" | ")
                        .append(col.privacyClass().code())
                        .append(" | ")
                        .append(allowed(col))
                        .append(" | ")
                        .append(cell(col.description()))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    private static String allowed(Column col) {
        List<String> parts =
                col.allowedValues().stream().map(v -> "`" + v + "`").collect(Collectors.toList());
        if (col.minimum() != null || col.maximum() != null) {
            parts.add((col.minimum() == null ? "" : fmt(col.minimum())) + " .. "
                    + (col.maximum() == null ? "" : fmt(col.maximum())));
        }
        if (col.pattern() != null) {
            parts.add("pattern `" + cell(col.pattern()) + "`");
        }
        return String.join(", ", parts);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String anchor(String table) {
        return table.replace(".", "").replace("_", "_");
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ").strip();
    }
}
