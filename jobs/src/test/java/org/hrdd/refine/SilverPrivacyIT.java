package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.schemas.Columns.BronzeHelplineCase;
import org.hrdd.schemas.Columns.BronzeSurveyResponse;
import org.hrdd.spark.SharedSpark;
import org.hrdd.testing.SampleLakehouse;
import org.junit.jupiter.api.Test;

/**
 * No direct identifier of a worker (caller ids and names, survey respondent keys) reaches a silver file or value.
 */
class SilverPrivacyIT {

    @Test
    void directIdentifiersNeverReachSilverFiles() throws IOException {
        SampleLakehouse.refined();
        SparkSession spark = SharedSpark.session();
        List<String> secrets = new ArrayList<>();
        for (Row r : spark.read()
                .format("delta")
                .load(SampleLakehouse.table(BronzeHelplineCase.TABLE))
                .filter(col(BronzeHelplineCase.CALLER_ID)
                        .isNotNull()
                        .and(col(BronzeHelplineCase.CALLER_NAME).isNotNull()))
                .select(BronzeHelplineCase.CALLER_ID, BronzeHelplineCase.CALLER_NAME)
                .limit(40)
                .collectAsList()) {
            secrets.add(r.getString(0));
            secrets.add(r.getString(1));
        }
        for (Row r : spark.read()
                .format("delta")
                .load(SampleLakehouse.table(BronzeSurveyResponse.TABLE))
                .filter(col(BronzeSurveyResponse.RESPONDENT_KEY).isNotNull())
                .select(BronzeSurveyResponse.RESPONDENT_KEY)
                .limit(40)
                .collectAsList()) {
            secrets.add(r.getString(0));
        }
        assertThat(secrets).hasSizeGreaterThan(60);
        Path silver = Path.of(SampleLakehouse.config().lakehouse(), "silver");
        List<Path> files;
        try (Stream<Path> s = Files.walk(silver)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertThat(files).anyMatch(p -> p.toString().endsWith(".parquet"));
        for (Path f : files) {
            // Parquet pages may be compressed: read the values back through Spark instead for those files.
            String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            for (String secret : secrets) {
                assertThat(bytes)
                        .as(f + " contains " + secret)
                        .doesNotContain(
                                new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
            }
        }
        // Compressed pages hide bytes from a plain scan: check every silver string value too.
        for (String table : List.of("silver.worker_signal", "silver.worker_reach")) {
            String all = String.join(
                    "\u0001",
                    spark.read()
                            .format("delta")
                            .load(SampleLakehouse.table(table))
                            .toJSON()
                            .collectAsList());
            for (String secret : secrets) {
                assertThat(all).as(table + " contains " + secret).doesNotContain(secret);
            }
        }
    }
}
