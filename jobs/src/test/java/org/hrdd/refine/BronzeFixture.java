package org.hrdd.refine;

import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.ContractLoader;
import org.hrdd.schemas.Lineage;
import org.hrdd.spark.ContractSchemas;
import org.hrdd.spark.SharedSpark;

/** Small bronze tables for refine tests: given columns per row, lineage filled with defaults. */
final class BronzeFixture {

    private BronzeFixture() {}

    static Contract contract(String table) {
        return ContractLoader.loadAll().get(table);
    }

    /** Each row: column → value; {@code _source_row} defaults to the row's position (1-based). */
    @SafeVarargs
    static Dataset<Row> of(String table, Map<String, Object>... rows) {
        Contract c = contract(table);
        List<Row> out = new ArrayList<>();
        int n = 0;
        for (Map<String, Object> r : rows) {
            n++;
            Map<String, Object> v = new LinkedHashMap<>();
            v.put(Lineage.SOURCE_SYSTEM, "test_system");
            v.put(Lineage.SOURCE_FILE, "test/file.csv");
            v.put(Lineage.SOURCE_ROW, (long) n);
            v.put(Lineage.FILE_SHA256, "0".repeat(64));
            v.put(Lineage.RUN_ID, "r-ingest");
            v.put(Lineage.INGESTED_ON, Date.valueOf("2026-10-20"));
            v.putAll(r);
            out.add(RowFactory.create(c.columnNames().stream().map(v::get).toArray()));
        }
        return SharedSpark.session().createDataFrame(out, ContractSchemas.structType(c));
    }

    /** Varargs-friendly map literal: key, value, key, value ... */
    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
