package org.hrdd.spark;

import org.hrdd.schemas.Contract;

/**
 * Where each table lives: {@code <root>/<layer>/<table>} (e.g. {@code bronze/helpline_case}), operational
 * tables under {@code <root>/_<name>} (e.g. {@code _runs}), run logs under {@code <root>/_logs}.
 * The root is a local path or any Hadoop file system URI.
 */
public record Lakehouse(String root) {

    public Lakehouse {
        while (root.length() > 1 && root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
    }

    public String tablePath(Contract contract) {
        return tablePath(contract.table());
    }

    /** Path of a table given its qualified name ({@code bronze.helpline_case}, {@code ops.runs}). */
    public String tablePath(String qualifiedName) {
        int dot = qualifiedName.indexOf('.');
        if (dot < 1) {
            throw new IllegalArgumentException("table name must be layer.table: " + qualifiedName);
        }
        String layer = qualifiedName.substring(0, dot);
        String name = qualifiedName.substring(dot + 1);
        return layer.equals("ops") ? root + "/_" + name : root + "/" + layer + "/" + name;
    }
}
