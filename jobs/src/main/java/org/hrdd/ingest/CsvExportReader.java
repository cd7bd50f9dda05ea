package org.hrdd.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hrdd.schemas.Lineage;

/**
 * Reads CSV exports: the header is read in Java first, Spark then parses the records with an all-string schema
 * named by position (multi-line quoted cells, RFC 4180 quotes, PERMISSIVE with {@code _corrupt_record}).
 * Files with the same header are read in one scan.
 */
public final class CsvExportReader {

    private CsvExportReader() {}

    /**
     * @param readFiles local file to read → the export it stands for (itself, or the XLSX a staged CSV came from), each
     *                  judged readable with its required columns by {@link IngestJob#judge}
     * @return rows in the bronze contract's shape, numbered, with the rows read per export
     */
    public static SourceRows.Numbered read(
            SparkSession spark,
            FeedInput in,
            Map<String, ExportFile> readFiles,
            Charset encoding,
            char delimiter,
            String runId,
            java.time.LocalDate runDate) {
        Map<List<String>, List<String>> byHeader = new LinkedHashMap<>();
        Map<String, ExportFile> withHeader = new LinkedHashMap<>();
        Map<ExportFile, Long> empty = new LinkedHashMap<>();
        readFiles.forEach((local, export) -> {
            List<String> headers = CsvHeader.read(java.nio.file.Path.of(local), encoding, delimiter);
            if (headers.isEmpty()) {
                empty.put(export, 0L);
                return;
            }
            byHeader.computeIfAbsent(headers, h -> new ArrayList<>()).add(local);
            withHeader.put(local, export);
        });
        Dataset<Row> union = null;
        for (Map.Entry<List<String>, List<String>> group : byHeader.entrySet()) {
            Dataset<Row> scan = spark.read()
                    .schema(positionalSchema(group.getKey().size()))
                    .option("header", "true")
                    .option("multiLine", "true")
                    .option("quote", "\"")
                    .option("escape", "\"")
                    .option("sep", String.valueOf(delimiter))
                    .option("encoding", encoding.name())
                    .option("mode", "PERMISSIVE")
                    .option("columnNameOfCorruptRecord", Lineage.CORRUPT_RECORD)
                    .csv(group.getValue().toArray(String[]::new));
            Dataset<Row> shaped = BronzeShaper.mapColumns(
                    SourceRows.withPosition(scan), in.feed(), in.contract(), new CsvFields(group.getKey()));
            union = union == null ? shaped : union.unionByName(shaped);
        }
        if (union == null) {
            return new SourceRows.Numbered(null, empty);
        }
        SourceRows.Numbered numbered = SourceRows.number(spark, union, withHeader);
        Dataset<Row> rows = numbered.rows();
        for (Map.Entry<String, ExportFile> f : withHeader.entrySet()) {
            java.util.OptionalLong broken = CsvQuotes.unclosedQuoteRecord(java.nio.file.Path.of(f.getKey()), encoding);
            if (broken.isPresent()) {
                Column hit = col(Lineage.SOURCE_FILE)
                        .equalTo(f.getValue().relativePath())
                        .and(col(Lineage.SOURCE_ROW).equalTo(broken.getAsLong()));
                rows = rows.withColumn(
                        Lineage.CORRUPT_RECORD,
                        when(hit.and(col(Lineage.CORRUPT_RECORD).isNull()), lit(CsvQuotes.UNCLOSED))
                                .otherwise(col(Lineage.CORRUPT_RECORD)));
            }
        }
        numbered = new SourceRows.Numbered(rows, numbered.rowsPerFile());
        Map<ExportFile, Long> counts = new LinkedHashMap<>(numbered.rowsPerFile());
        counts.putAll(empty);
        return new SourceRows.Numbered(
                BronzeShaper.withRunLineage(
                        numbered.rows(), in.contract(), in.mapping().system(), runId, runDate),
                counts);
    }

    /** The required headers (mapped to a required contract column) the file lacks, in mapping order. */
    static List<String> missingRequired(FeedInput in, List<String> headers) {
        Set<String> present = Set.copyOf(headers);
        Feed feed = in.feed();
        List<String> required = new ArrayList<>();
        feed.columns().forEach((column, source) -> {
            // a column read from fallback headers needs one of them; the first is named when none is there
            if (in.contract().require(column).required()
                    && source.headers().stream().noneMatch(present::contains)) {
                required.add(source.headers().get(0));
            }
        });
        feed.flags()
                .filter(f -> in.contract().require(f.target()).required())
                .ifPresent(f -> required.addAll(f.columns().keySet()));
        // a filter or condition reading a header the file lacks would leave out, or keep, every row unseen
        required.addAll(feed.conditionHeaders());
        return required.stream().filter(h -> !present.contains(h)).distinct().toList();
    }

    static String positional(int i) {
        return "c" + i;
    }

    static StructType positionalSchema(int n) {
        StructType s = new StructType();
        for (int i = 0; i < n; i++) {
            s = s.add(positional(i), DataTypes.StringType, true);
        }
        return s.add(Lineage.CORRUPT_RECORD, DataTypes.StringType, true);
    }

    /** Header → positional column; the first of duplicate headers wins for mapping, all are rescued. */
    static final class CsvFields implements SourceFields {
        private final List<String> headers;
        private final Map<String, Integer> index = new HashMap<>();

        CsvFields(List<String> headers) {
            this.headers = headers;
            for (int i = headers.size() - 1; i >= 0; i--) {
                index.put(headers.get(i), i);
            }
        }

        @Override
        public Column field(String name) {
            Integer i = index.get(name);
            return i == null ? null : col(positional(i));
        }

        @Override
        public Column rescued(Set<String> consumed) {
            List<Column> extra = new ArrayList<>();
            for (int i = 0; i < headers.size(); i++) {
                if (!consumed.contains(headers.get(i))) {
                    extra.add(col(positional(i)).as(headers.get(i)));
                }
            }
            if (extra.isEmpty()) {
                return lit(null).cast(DataTypes.StringType);
            }
            Column json = to_json(struct(extra.toArray(Column[]::new)));
            return when(json.equalTo(lit("{}")), lit(null)).otherwise(json);
        }

        @Override
        public Column corrupt() {
            return col(Lineage.CORRUPT_RECORD);
        }
    }
}
