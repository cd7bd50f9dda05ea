package org.hrdd.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.schemas.Lineage;
import org.hrdd.spark.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code _source_row} is the record number in the file however Spark splits and packs the files. */
class SourceRowsTest {

    @TempDir
    Path tmp;

    @Test
    void jsonLinesSplitAcrossManyPartitionsIsNumberedContinuously() throws IOException {
        SparkSession spark = SharedSpark.session();
        int n = 3000;
        Path big = writeResponses("big.jsonl", n);
        Path small = writeResponses("small.jsonl", 7);
        String key = "spark.sql.files.maxPartitionBytes";
        String saved = spark.conf().get(key);
        try {
            spark.conf().set(key, "16384");
            assertThat(spark.read().text(big.toString()).rdd().getNumPartitions())
                    .isGreaterThan(5);
            SourceRows.Numbered read =
                    JsonLinesExportReader.read(spark, feed(big, small), "r-split", LocalDate.of(2026, 1, 1));
            assertThat(read.rowsPerFile().values()).containsExactly((long) n, 7L);
            Dataset<Row> rows = read.rows();
            Row bigStats = rows.filter(col(Lineage.SOURCE_FILE).equalTo("big.jsonl"))
                    .agg(min(Lineage.SOURCE_ROW), max(Lineage.SOURCE_ROW), countDistinct(col(Lineage.SOURCE_ROW)))
                    .head();
            assertThat(List.of(bigStats.getLong(0), bigStats.getLong(1), bigStats.getLong(2)))
                    .containsExactly(1L, (long) n, (long) n);
            long wrong = rows.filter(col("response_id")
                            .notEqual(org.apache.spark.sql.functions.concat(
                                    org.apache.spark.sql.functions.lit("R-"),
                                    col(Lineage.SOURCE_ROW).cast("string"))))
                    .count();
            assertThat(wrong).isZero();
        } finally {
            spark.conf().set(key, saved);
        }
    }

    @Test
    void smallFilesPackedIntoOnePartitionEachStartAtOne() throws IOException {
        SparkSession spark = SharedSpark.session();
        Path a = writeResponses("a.jsonl", 3);
        Path b = writeResponses("b.jsonl", 2);
        Map<String, String> packing =
                Map.of("spark.sql.files.openCostInBytes", "0", "spark.sql.files.minPartitionNum", "1");
        Map<String, String> saved = new java.util.HashMap<>();
        packing.keySet().forEach(k -> saved.put(k, spark.conf().get(k, null)));
        Map<String, List<Long>> rows;
        try {
            packing.forEach(spark.conf()::set);
            assertThat(spark.read().text(a.toString(), b.toString()).rdd().getNumPartitions())
                    .isEqualTo(1);
            SourceRows.Numbered read =
                    JsonLinesExportReader.read(spark, feed(a, b), "r-pack", LocalDate.of(2026, 1, 1));
            List<Row> ordered =
                    read.rows().orderBy(Lineage.SOURCE_FILE, Lineage.SOURCE_ROW).collectAsList();
            rows = ordered.stream()
                    .collect(Collectors.groupingBy(
                            r -> r.getAs(Lineage.SOURCE_FILE),
                            java.util.TreeMap::new,
                            Collectors.mapping(r -> (Long) r.getAs(Lineage.SOURCE_ROW), Collectors.toList())));
        } finally {
            saved.forEach((k, v) -> {
                if (v == null) {
                    spark.conf().unset(k);
                } else {
                    spark.conf().set(k, v);
                }
            });
        }
        assertThat(rows)
                .containsExactly(Map.entry("a.jsonl", List.of(1L, 2L, 3L)), Map.entry("b.jsonl", List.of(1L, 2L)));
    }

    private FeedInput feed(Path... files) {
        SourceMapping m = IngestFixtures.mapping("survey_platform");
        List<ExportFile> exports = java.util.Arrays.stream(files)
                .map(p -> new ExportFile(p, p.getFileName().toString(), ExportFiles.sha256(p), 0))
                .toList();
        return new FeedInput(m, m.feeds().get(0), IngestFixtures.contracts().get("bronze.survey_response"), exports);
    }

    private Path writeResponses(String name, int n) throws IOException {
        String text = IntStream.rangeClosed(1, n)
                .mapToObj(i -> "{\"response_id\":\"R-" + i + "\",\"survey_id\":\"SV1\",\"respondent\":\"p-" + i
                        + "\",\"submitted\":\"2026-01-01\",\"consent\":[\"aggregate\"],\"answers\":{\"Q1\":\""
                        + "x".repeat(i % 50) + "\"}}")
                .collect(Collectors.joining("\n", "", "\n"));
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
