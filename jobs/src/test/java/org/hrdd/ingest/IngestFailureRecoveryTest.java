package org.hrdd.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.hrdd.run.Progress;
import org.hrdd.schemas.ContractLoader;
import org.hrdd.spark.DeltaTables;
import org.hrdd.spark.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run with a file it must refuse lands every other file readable, and the next run ends where a clean run would. */
class IngestFailureRecoveryTest {

    @TempDir
    Path tmp;

    @Test
    void aRefusedFileLeavesTheOthersLandedAndTheRerunCompletesWithoutDuplicates() throws IOException {
        SparkSession spark = SharedSpark.session();
        Path input = IngestFixtures.exports(tmp.resolve("in"));
        Path survey = input.resolve("survey/question_catalogue.csv");
        String good = Files.readString(survey);
        // Break one feed that is read after others have been committed: its required column is renamed.
        Files.writeString(survey, good.replaceFirst("question_id", "qid"));
        Path lh = tmp.resolve("lh");
        IngestResult first = ingest(input, lh, "r-1");
        assertThat(first.refused())
                .extracting(f -> f.file().relativePath() + ": " + f.refusedBecause())
                .singleElement()
                .asString()
                .startsWith("survey/question_catalogue.csv: missing column 'question_id'");
        Map<String, Long> afterFailure = counts(spark, lh);
        assertThat(afterFailure)
                .as("every other table landed and is readable")
                .containsKeys("bronze.helpline_case", "bronze.facility", "bronze.cap", "bronze.survey_response");
        assertThat(afterFailure.getOrDefault("bronze.survey_question", 0L))
                .as("nothing of the refused file")
                .isZero();

        Files.writeString(survey, good);
        ingest(input, lh, "r-2");
        Path clean = tmp.resolve("clean");
        ingest(input, clean, "r-clean");
        assertThat(counts(spark, lh)).isEqualTo(counts(spark, clean));
    }

    private static IngestResult ingest(Path input, Path lh, String runId) {
        return new IngestJob(
                        new IngestJob.Config(input, IngestFixtures.mappings(), IngestFixtures.contracts()),
                        Progress.silent())
                .run(SharedSpark.session(), IngestFixtures.context(lh, runId));
    }

    /** Rows per existing bronze table. */
    private static Map<String, Long> counts(SparkSession spark, Path lh) {
        Map<String, Long> out = new LinkedHashMap<>();
        org.hrdd.spark.Lakehouse lakehouse = new org.hrdd.spark.Lakehouse(lh.toString());
        for (var c : ContractLoader.loadAll().values()) {
            if (c.layer().equals("bronze") && DeltaTables.exists(spark, lakehouse.tablePath(c))) {
                out.put(
                        c.table(),
                        spark.read()
                                .format("delta")
                                .load(lakehouse.tablePath(c))
                                .count());
            }
        }
        return out;
    }
}
