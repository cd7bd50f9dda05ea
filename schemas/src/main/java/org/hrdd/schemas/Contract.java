package org.hrdd.schemas;

import java.util.List;
import java.util.Optional;

/**
 * A table's data contract, loaded from an ODCS v3.1 YAML file under {@code schemas/contracts/}.
 *
 * @param table qualified name such as {@code bronze.helpline_case}
 * @param partitionColumns the columns the Delta table is partitioned by, in order (ODCS {@code partitioned} and
 *                         {@code partitionKeyPosition}); empty for an unpartitioned table
 */
public record Contract(
        String id,
        String table,
        String layer,
        String version,
        String purpose,
        String description,
        List<String> primaryKey,
        List<Column> columns,
        List<String> partitionColumns) {

    public Contract {
        primaryKey = List.copyOf(primaryKey);
        columns = List.copyOf(columns);
        partitionColumns = List.copyOf(partitionColumns);
    }

    /** Table name without the layer, e.g. {@code helpline_case}. */
    public String shortName() {
        return table.substring(table.indexOf('.') + 1);
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Column require(String name) {
        return column(name)
                .orElseThrow(() -> new ContractException("table " + table + " has no column '" + name + "'"));
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** Columns a source maps (everything except lineage / technical columns). */
    public List<Column> businessColumns() {
        return columns.stream().filter(c -> !c.isTechnical()).toList();
    }
}
