package org.hrdd.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hrdd.config.ConfigException;
import org.hrdd.schemas.Lineage;

/**
 * Reads JSON Lines exports: Spark's text source splits the files by line, each line is parsed with an explicit
 * all-string schema of the mapped keys (objects and arrays arrive as their JSON text), PERMISSIVE with
 * {@code _corrupt_record}, so a truncated line becomes a corrupt-record row. Keys the mapping does not know
 * are rescued. Blank lines are not records: {@code _source_row} counts non-blank lines.
 */
public final class JsonLinesExportReader {

    static final String LINE = "__line";
    static final String PARSED = "__parsed";
    static final String ALL_KEYS = "__all_keys";
    static final String KEYS = "__keys";
    static final String REPEATED_KEYS = "__repeated_keys";
    /** How a line with a key given twice starts its {@code _corrupt_record} (refine names it in BROKEN_RECORD's detail). */
    public static final String REPEATED_KEY = "duplicate JSON key ";

    private JsonLinesExportReader() {}

    public static SourceRows.Numbered read(SparkSession spark, FeedInput in, String runId, LocalDate runDate) {
        if (!in.feed().encoding().equals(StandardCharsets.UTF_8)) {
            throw new ConfigException(in.mapping().displayName() + ": format jsonl is read as UTF-8 only, not "
                    + in.feed().encoding());
        }
        Map<String, ExportFile> readFiles = new LinkedHashMap<>();
        in.files().forEach(f -> readFiles.put(f.path().toAbsolutePath().toString(), f));
        Dataset<Row> scan = spark.read().text(readFiles.keySet().toArray(String[]::new));
        Dataset<Row> lines = SourceRows.withFileSplit(scan)
                .withColumnRenamed("value", LINE)
                .filter(trim(col(LINE)).notEqual(lit("")));
        SourceRows.Numbered numbered = SourceRows.number(spark, parse(SourceRows.withRowId(lines), in), readFiles);
        return new SourceRows.Numbered(
                BronzeShaper.withRunLineage(
                        numbered.rows(), in.contract(), in.mapping().system(), runId, runDate),
                numbered.rowsPerFile());
    }

    /** Pure: lines (column {@value #LINE}) → the bronze contract's business columns plus rescued and corrupt. */
    public static Dataset<Row> parse(Dataset<Row> lines, FeedInput in) {
        // the keys row filters and flag conditions read too (they stay in the rescued data as well)
        Set<String> keys = new LinkedHashSet<>(in.feed().consumedHeaders());
        keys.addAll(in.feed().conditionHeaders());
        StructType schema = new StructType();
        for (String k : keys) {
            schema = schema.add(k, DataTypes.StringType, true);
        }
        schema = schema.add(Lineage.CORRUPT_RECORD, DataTypes.StringType, true);
        Map<String, String> options = Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", Lineage.CORRUPT_RECORD);
        Column text = regexp_replace(col(LINE), "^\uFEFF", "");
        Dataset<Row> parsed = lines.withColumn(PARSED, from_json(text, schema, options))
                .withColumn(
                        ALL_KEYS,
                        from_json(text, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), options))
                // a key given twice: the parser would keep one value silently; the record is broken instead (the keys
                // are listed once per line; naming the repeated ones is left to the rare line that has any)
                .withColumn(KEYS, org.apache.spark.sql.functions.json_object_keys(text))
                .withColumn(
                        REPEATED_KEYS,
                        when(
                                size(col(KEYS)).gt(size(org.apache.spark.sql.functions.array_distinct(col(KEYS)))),
                                org.apache.spark.sql.functions.filter(
                                        org.apache.spark.sql.functions.array_distinct(col(KEYS)),
                                        k -> size(org.apache.spark.sql.functions.filter(col(KEYS), x -> x.equalTo(k)))
                                                .gt(1))));
        return BronzeShaper.mapColumns(parsed, in.feed(), in.contract(), new JsonFields());
    }

    /** Fields of the parsed struct; a line that is not a JSON object is corrupt. */
    static final class JsonFields implements SourceFields {
        @Override
        public Column field(String name) {
            return col(PARSED).getField(name);
        }

        @Override
        public Column rescued(Set<String> consumed) {
            Object[] known = consumed.toArray();
            Column extra = map_filter(col(ALL_KEYS), (k, v) -> not(k.isin(known)));
            return when(
                            col(ALL_KEYS).isNull().or(size(extra).equalTo(0)),
                            lit(null).cast(DataTypes.StringType))
                    .otherwise(to_json(extra));
        }

        @Override
        public Column corrupt() {
            return when(col(PARSED).isNull(), col(LINE))
                    .when(
                            col(REPEATED_KEYS).isNotNull(),
                            org.apache.spark.sql.functions.concat(
                                    lit(REPEATED_KEY),
                                    org.apache.spark.sql.functions.array_join(col(REPEATED_KEYS), ", "),
                                    lit(": "),
                                    col(LINE)))
                    .otherwise(col(PARSED).getField(Lineage.CORRUPT_RECORD));
        }
    }
}
