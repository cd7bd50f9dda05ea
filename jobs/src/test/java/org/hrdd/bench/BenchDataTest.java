package org.hrdd.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's late delivery, the Delta bytes it counts and the lakehouse it cleans (no Spark). */
class BenchDataTest {

    @TempDir
    Path dir;

    static List<String> lines(String prefix, int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> "{\"id\":\"" + prefix + i + "\",\"text\":\"é ✓\"}")
                .toList();
    }

    @Test
    void theLateDeliveryIsTheTailOfTheLatestSurveyFileAndNoLineIsLostOrDoubled() throws Exception {
        Path survey = Files.createDirectories(dir.resolve("exports/survey"));
        Files.write(survey.resolve("responses_2026Q2_01.jsonl"), lines("q2-", 30), StandardCharsets.UTF_8);
        Files.write(survey.resolve("responses_2026Q3_01.jsonl"), lines("q3-", 20), StandardCharsets.UTF_8);
        Files.writeString(survey.resolve("question_catalogue.csv"), "id\n");

        // 200 records in the tier, 4 % held back = 8 lines, taken from the 2026Q3 file (the latest), from its end
        BenchData.Prepared p = BenchData.split(dir, 200, 0.04);
        assertThat(p.incrementRecords()).isEqualTo(8);
        assertThat(p.records()).isEqualTo(192);
        Path late = dir.resolve("increment/survey/responses_2026Q3_01_late.jsonl");
        assertThat(Files.readAllLines(late, StandardCharsets.UTF_8))
                .isEqualTo(lines("q3-", 20).subList(12, 20));
        assertThat(Files.readAllLines(survey.resolve("responses_2026Q3_01.jsonl"), StandardCharsets.UTF_8))
                .isEqualTo(lines("q3-", 20).subList(0, 12));
        assertThat(Files.readAllLines(survey.resolve("responses_2026Q2_01.jsonl"), StandardCharsets.UTF_8))
                .hasSize(30);
        assertThat(late.getFileName().toString()).matches("responses_.*\\.jsonl"); // the survey mapping's file pattern

        assertThat(BenchData.ready(dir)).isTrue();
        BenchData.Prepared again = BenchData.read(dir);
        assertThat(again).isEqualTo(p);
    }

    @Test
    void aLatestFileShorterThanTheDeliveryIsEmptiedAndTheRestComesFromTheEndOfTheFileBeforeIt() throws Exception {
        Path survey = Files.createDirectories(dir.resolve("exports/survey"));
        Files.write(survey.resolve("responses_2026Q2_02.jsonl"), lines("q2b-", 10), StandardCharsets.UTF_8);
        Files.write(survey.resolve("responses_2026Q3_01.jsonl"), lines("q3a-", 30), StandardCharsets.UTF_8);
        Files.write(survey.resolve("responses_2026Q3_02.jsonl"), lines("q3b-", 5), StandardCharsets.UTF_8);

        // 1,000 records, 1.2 % = 12 lines: all 5 of 2026Q3_02 (the latest), then the last 7 of 2026Q3_01
        BenchData.Prepared p = BenchData.split(dir, 1000, 0.012);
        assertThat(p.incrementRecords()).isEqualTo(12);
        assertThat(p.records()).isEqualTo(988);
        assertThat(p.heldFrom())
                .containsExactly(
                        survey.resolve("responses_2026Q3_02.jsonl"), survey.resolve("responses_2026Q3_01.jsonl"));
        Path late = dir.resolve("increment/survey");
        assertThat(Files.readAllLines(late.resolve("responses_2026Q3_02_late.jsonl"), StandardCharsets.UTF_8))
                .isEqualTo(lines("q3b-", 5));
        assertThat(Files.readAllLines(late.resolve("responses_2026Q3_01_late.jsonl"), StandardCharsets.UTF_8))
                .isEqualTo(lines("q3a-", 30).subList(23, 30));
        assertThat(Files.readAllLines(survey.resolve("responses_2026Q3_02.jsonl"), StandardCharsets.UTF_8))
                .isEmpty();
        assertThat(Files.readAllLines(survey.resolve("responses_2026Q3_01.jsonl"), StandardCharsets.UTF_8))
                .isEqualTo(lines("q3a-", 30).subList(0, 23));
        assertThat(Files.readAllLines(survey.resolve("responses_2026Q2_02.jsonl"), StandardCharsets.UTF_8))
                .hasSize(10);
        assertThat(BenchData.read(dir)).isEqualTo(p);
    }

    @Test
    void aShareOutsideTheRangeOrAShortFileIsRefused() throws Exception {
        Path survey = Files.createDirectories(dir.resolve("exports/survey"));
        Files.write(survey.resolve("responses_2026Q3_01.jsonl"), lines("x", 3), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> BenchData.split(dir, 100, 0.6)).hasMessageContaining("(0, 0.5)");
        Files.write(survey.resolve("responses_2026Q2_01.jsonl"), lines("y", 4), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> BenchData.split(dir, 1000, 0.01))
                .hasMessageContaining("hold only 7 lines; the increment needs 10");
        assertThat(BenchData.ready(dir)).isFalse();
        // refused before anything moved
        assertThat(Files.readAllLines(survey.resolve("responses_2026Q3_01.jsonl"), StandardCharsets.UTF_8))
                .isEqualTo(lines("x", 3));
        assertThat(Files.readAllLines(survey.resolve("responses_2026Q2_01.jsonl"), StandardCharsets.UTF_8))
                .isEqualTo(lines("y", 4));
        assertThat(dir.resolve("increment")).doesNotExist();
    }

    @Test
    void deltaBytesAreTheSizesOfTheAddedFilesOfTheNewCommitsOnly() throws Exception {
        Path log = Files.createDirectories(dir.resolve("silver/t/_delta_log"));
        Files.writeString(
                log.resolve("00000000000000000000.json"),
                String.join(
                                "\n",
                                "{\"commitInfo\":{\"operation\":\"WRITE\"}}",
                                "{\"add\":{\"path\":\"a.parquet\",\"size\":100,\"dataChange\":true}}",
                                "{\"add\":{\"path\":\"b.parquet\",\"size\":250,\"dataChange\":true}}")
                        + "\n");
        Files.writeString(
                log.resolve("00000000000000000001.json"),
                String.join(
                                "\n",
                                "{\"remove\":{\"path\":\"a.parquet\",\"size\":100}}",
                                "{\"add\":{\"path\":\"c.parquet\",\"size\":40,\"dataChange\":true}}")
                        + "\n");
        Files.writeString(log.resolve("00000000000000000001.checkpoint.parquet"), "not a commit");
        Files.writeString(dir.resolve("silver/t/00000000000000000009.json"), "{\"add\":{\"size\":5}}"); // not in a log

        List<Path> commits = new ArrayList<>(BenchData.commits(dir));
        assertThat(commits).hasSize(2);
        assertThat(BenchData.addedBytes(commits)).isEqualTo(390);
        assertThat(BenchData.addedBytes(List.of(log.resolve("00000000000000000001.json"))))
                .isEqualTo(40);
    }

    @Test
    void cleaningKeepsEarlierResults() throws Exception {
        Path lh = dir.resolve("lakehouse");
        Files.createDirectories(lh.resolve("gold/x/_delta_log"));
        Files.writeString(lh.resolve("gold/x/part.parquet"), "x");
        Files.createDirectories(lh.resolve("_bench"));
        Files.writeString(lh.resolve("_bench/20261130T000000Z.json"), "{}");
        BenchData.clean(lh);
        assertThat(lh.resolve("gold")).doesNotExist();
        assertThat(lh.resolve("_bench/20261130T000000Z.json")).exists();
    }

    @Test
    void theLatestResultOfATierIsTheNewestThatTimedThePipelineNotABaselineOnlyOne() throws Exception {
        Path bench = Files.createDirectories(dir.resolve("lakehouse/_bench"));
        assertThat(Benchmark.latest(dir.resolve("lakehouse"))).isNull();
        Files.writeString(bench.resolve("20261201T100000Z.json"), "{\"totals\":{\"full_seconds\":400.5}}");
        Files.writeString(bench.resolve("20261201T110000Z.json"), "{\"totals\":{\"full_seconds\":390.0}}");
        // newer, but --baseline-only: no pipeline time, so the ratio target must not read it as 0 s
        Files.writeString(bench.resolve("20261202T090000Z.json"), "{\"totals\":{\"baseline_seconds\":50.1}}");
        assertThat(Benchmark.latest(dir.resolve("lakehouse"))
                        .path("totals")
                        .path("full_seconds")
                        .asDouble())
                .isEqualTo(390.0);
    }
}
