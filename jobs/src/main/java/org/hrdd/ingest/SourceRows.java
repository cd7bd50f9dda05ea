package org.hrdd.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hrdd.schemas.Lineage;

/**
 * Numbers records within their export file ({@code _source_row}, 1-based) without collecting records.
 *
 * <p>Spark packs small files into one partition and splits large splittable ones, so the number comes from
 * three parts: the file split a row was read from ({@code _metadata.file_path} + {@code file_block_start}),
 * the row's position within its partition ({@code monotonically_increasing_id}: rows of one split are
 * contiguous and in file order), and the rows in earlier splits of the same file (one small aggregate per
 * split, collected to the driver).
 */
public final class SourceRows {

    static final String FILE_PATH = "__file_path";
    static final String BLOCK_START = "__block_start";
    static final String ROW_ID = "__row_id";
    private static final String MIN_ROW_ID = "__min_row_id";
    private static final String ROWS_BEFORE = "__rows_before";
    private static final String SPLIT_PATH = "__split_path";
    private static final String SPLIT_START = "__split_start";

    private SourceRows() {}

    /** Adds the file split and the row position; call directly on a file scan. */
    public static Dataset<Row> withPosition(Dataset<Row> scan) {
        return withRowId(withFileSplit(scan));
    }

    /** Adds the file split a row was read from; call directly on a file scan. */
    public static Dataset<Row> withFileSplit(Dataset<Row> scan) {
        return scan.select(
                col("*"),
                col("_metadata.file_path").as(FILE_PATH),
                col("_metadata.file_block_start").as(BLOCK_START));
    }

    /** Adds the row position within the partition; rows may have been filtered, not reordered. */
    public static Dataset<Row> withRowId(Dataset<Row> split) {
        return split.withColumn(ROW_ID, monotonically_increasing_id());
    }

    /** Rows with their lineage and the rows read per export file. */
    public record Numbered(Dataset<Row> rows, Map<ExportFile, Long> rowsPerFile) {}

    /**
     * Replaces the position columns with {@code _source_file}, {@code _file_sha256} and {@code _source_row}.
     *
     * @param readFiles local path of each file Spark read (a staged CSV for XLSX) → the export it stands for
     */
    public static Numbered number(SparkSession spark, Dataset<Row> positioned, Map<String, ExportFile> readFiles) {
        List<Row> splits = positioned
                .groupBy(FILE_PATH, BLOCK_START)
                .agg(min(ROW_ID).as(MIN_ROW_ID), count(lit(1)).as("n"))
                .collectAsList();
        Map<ExportFile, Long> rowsPerFile = new LinkedHashMap<>();
        readFiles.values().forEach(f -> rowsPerFile.put(f, 0L));
        Map<ExportFile, List<Row>> byFile = new LinkedHashMap<>();
        for (Row s : splits) {
            ExportFile f = readFiles.get(localPath(s.getString(0)));
            if (f == null) {
                throw new IllegalStateException(
                        "Spark read " + s.getString(0) + ", which is none of the files " + readFiles.keySet());
            }
            byFile.computeIfAbsent(f, k -> new ArrayList<>()).add(s);
        }
        List<Row> lookup = new ArrayList<>();
        byFile.forEach((file, fileSplits) -> {
            fileSplits.sort(Comparator.comparingLong(r -> r.getLong(1)));
            long before = 0;
            for (Row s : fileSplits) {
                lookup.add(RowFactory.create(
                        s.getString(0), s.getLong(1), s.getLong(2), before, file.relativePath(), file.sha256()));
                before += s.getLong(3);
            }
            rowsPerFile.put(file, before);
        });
        StructType lookupSchema = new StructType()
                .add(FILE_PATH, DataTypes.StringType, false)
                .add(BLOCK_START, DataTypes.LongType, false)
                .add(MIN_ROW_ID, DataTypes.LongType, false)
                .add(ROWS_BEFORE, DataTypes.LongType, false)
                .add(Lineage.SOURCE_FILE, DataTypes.StringType, false)
                .add(Lineage.FILE_SHA256, DataTypes.StringType, false);
        Dataset<Row> splitTable = spark.createDataFrame(lookup, lookupSchema)
                .withColumnRenamed(FILE_PATH, SPLIT_PATH)
                .withColumnRenamed(BLOCK_START, SPLIT_START);
        Dataset<Row> rows = positioned
                .join(
                        broadcast(splitTable),
                        col(FILE_PATH)
                                .equalTo(col(SPLIT_PATH))
                                .and(col(BLOCK_START).equalTo(col(SPLIT_START))),
                        "inner")
                .withColumn(
                        Lineage.SOURCE_ROW,
                        col(ROW_ID)
                                .minus(col(MIN_ROW_ID))
                                .plus(col(ROWS_BEFORE))
                                .plus(lit(1L)))
                .drop(FILE_PATH, BLOCK_START, ROW_ID, MIN_ROW_ID, ROWS_BEFORE, SPLIT_PATH, SPLIT_START);
        return new Numbered(rows, rowsPerFile);
    }

    /** The local path in a file URI as Spark reports it ({@code file:/a/b%20c.csv} → {@code /a/b c.csv}). */
    static String localPath(String sparkPath) {
        try {
            String p = new URI(sparkPath).getPath();
            return p == null ? sparkPath : p;
        } catch (URISyntaxException e) {
            return sparkPath.replaceFirst("^file:(//)?", "");
        }
    }
}
