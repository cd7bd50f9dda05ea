package org.hrdd.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.SparkSession;
import org.hrdd.ingest.Feed;
import org.hrdd.ingest.SourceMappingLoader;
import org.hrdd.refine.SurveyRefiner;
import org.hrdd.schemas.Columns.BronzeSurveyQuestion;
import org.hrdd.schemas.Columns.BronzeSurveyResponse;
import org.hrdd.schemas.ContractLoader;
import org.hrdd.spark.SharedSpark;
import org.hrdd.testing.SampleLakehouse;
import org.hrdd.testing.SampleWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's bare passes over the sample world's survey responses, against the same passes computed here line by line
 * from the export files (Jackson and Commons CSV, no Spark): the rows each pass writes, and the workers per cell.
 */
class BenchBaselineIT {

    @TempDir
    Path lakehouse;

    static final ObjectMapper JSON = new ObjectMapper();

    /** One parsed export line: null fields where the line is no JSON object or lacks the key. */
    record Line(
            String responseId,
            String surveyId,
            String respondent,
            String submitted,
            String facility,
            Map<String, String> answers,
            String file) {}

    @Test
    void thePassesWriteWhatTheExportsHoldAndRemoveTheirTables() throws Exception {
        SparkSession spark = SharedSpark.session();
        List<Feed> feeds =
                SourceMappingLoader.loadAll(SampleWorld.conf().resolve("sources"), ContractLoader.loadAll()).stream()
                        .flatMap(m -> m.feeds().stream())
                        .toList();
        Feed responses = feeds.stream()
                .filter(f -> f.table().equals(BronzeSurveyResponse.TABLE))
                .findFirst()
                .orElseThrow();
        Feed questions = feeds.stream()
                .filter(f -> f.table().equals(BronzeSurveyQuestion.TABLE))
                .findFirst()
                .orElseThrow();
        Path exports = SampleWorld.exports();

        List<Benchmark.Stage> stages;
        try (Benchmark bench = new Benchmark(spark, lakehouse)) {
            stages = BenchBaseline.run(spark, bench, exports, lakehouse, responses, questions, SampleLakehouse.KEY);
        }

        // the expected rows, from the files
        List<Line> lines = lines(exports, responses);
        Map<List<String>, List<String>> adverse = adverse(exports.resolve(questions.files()), questions);
        Map<String, Line> latest = new HashMap<>();
        Comparator<Line> newest = Comparator.comparing(
                        Line::submitted, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Line::file);
        for (Line l : lines) {
            latest.merge(String.valueOf(l.responseId()), l, (a, b) -> newest.compare(a, b) >= 0 ? a : b);
        }
        long signals = 0;
        Map<List<String>, Set<String>> workers = new HashMap<>();
        for (Line l : latest.values()) {
            for (Map.Entry<String, String> a : l.answers().entrySet()) {
                List<String> bad = adverse.get(List.of(String.valueOf(l.surveyId()), a.getKey()));
                if (bad == null
                        || a.getValue() == null
                        || !bad.subList(1, bad.size())
                                .contains(spaceTrimmed(a.getValue()).toLowerCase(Locale.ROOT))) {
                    continue;
                }
                signals++;
                Set<String> cell = workers.computeIfAbsent(
                        Arrays.asList(l.facility(), bad.get(0), period(l.submitted())), k -> new HashSet<>());
                String p = SampleLakehouse.KEY.pseudonym(l.respondent());
                if (p != null) {
                    cell.add(p);
                }
            }
        }

        assertThat(stages).extracting(Benchmark.Stage::run).containsOnly(BenchBaseline.RUN);
        assertThat(stages).extracting(Benchmark.Stage::step).containsExactly("ingest", "refine", "analyse");
        assertThat(stages).allSatisfy(s -> {
            assertThat(s.status()).isEqualTo("succeeded");
            assertThat(s.deltaBytesWritten()).isPositive();
        });
        assertThat(stages.get(0).rowsOut()).isEqualTo(lines.size());
        assertThat(stages.get(1).rowsIn()).isEqualTo(lines.size());
        assertThat(stages.get(1).rowsOut()).isEqualTo(signals).isPositive();
        assertThat(stages.get(2).rowsIn()).isEqualTo(signals);
        assertThat(stages.get(2).rowsOut()).isEqualTo(workers.size()).isGreaterThan(10);
        assertThat(lakehouse.resolve(BenchBaseline.DIR)).doesNotExist();

        // and the workers per cell, on a table computed the same way but kept
        var silver = BenchBaseline.refine(
                BenchBaseline.ingest(spark, exports, responses),
                BenchBaseline.catalogue(spark, exports, questions),
                SampleLakehouse.KEY);
        Map<List<String>, Long> got = new HashMap<>();
        for (var r : BenchBaseline.analyse(silver).collectAsList()) {
            got.put(Arrays.asList(r.getString(0), r.getString(1), r.getString(2)), r.getLong(3));
        }
        Map<List<String>, Long> want = new HashMap<>();
        workers.forEach((k, v) -> want.put(k, (long) v.size()));
        assertThat(got).isEqualTo(want);
    }

    /** Spark's trim: spaces only, not every whitespace character. */
    static String spaceTrimmed(String s) {
        return s.replaceAll("^ +| +$", "");
    }

    /** Every non-blank line of the response exports (the feed's file pattern under the exports), as the passes read it. */
    static List<Line> lines(Path exports, Feed responses) throws Exception {
        Map<String, String> c = responses.headers();
        List<Line> out = new ArrayList<>();
        List<Path> files;
        var matcher = exports.getFileSystem().getPathMatcher("glob:" + responses.files());
        try (Stream<Path> s = Files.walk(exports)) {
            files = s.filter(p -> matcher.matches(exports.relativize(p)))
                    .sorted()
                    .toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            for (String text : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (text.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = JSON.readTree(text);
                } catch (Exception e) {
                    n = null;
                }
                if (n == null || !n.isObject()) {
                    out.add(new Line(
                            null, null, null, null, null, Map.of(), f.toUri().toString()));
                    continue;
                }
                Map<String, String> answers = new HashMap<>();
                JsonNode a = n.get(c.get(BronzeSurveyResponse.ANSWERS));
                if (a != null && a.isObject()) {
                    a.fields()
                            .forEachRemaining(e -> answers.put(
                                    e.getKey(),
                                    e.getValue().isNull() ? null : e.getValue().asText()));
                }
                out.add(new Line(
                        text(n, c.get(BronzeSurveyResponse.RESPONSE_ID)),
                        text(n, c.get(BronzeSurveyResponse.SURVEY_ID)),
                        text(n, c.get(BronzeSurveyResponse.RESPONDENT_KEY)),
                        text(n, c.get(BronzeSurveyResponse.SUBMITTED_AT)),
                        text(n, c.get(BronzeSurveyResponse.FACILITY_OS_ID)),
                        answers,
                        f.toUri().toString()));
            }
        }
        return out;
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
    }

    /** (survey, question) → [topic, adverse answers...] for the catalogue's questions with a topic and adverse answers. */
    static Map<List<String>, List<String>> adverse(Path csv, Feed questions) throws Exception {
        Map<String, String> c = questions.headers();
        Map<List<String>, List<String>> out = new HashMap<>();
        try (CSVParser p = CSVParser.parse(
                csv,
                StandardCharsets.UTF_8,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get())) {
            for (CSVRecord r : p) {
                String topic = r.get(c.get(BronzeSurveyQuestion.TOPIC_CODE));
                String bad = r.get(c.get(BronzeSurveyQuestion.ADVERSE_ANSWERS));
                if (topic.isEmpty() || bad.isEmpty()) {
                    continue;
                }
                List<String> v = new ArrayList<>();
                v.add(topic);
                v.addAll(List.of(bad.toLowerCase(Locale.ROOT).split(SurveyRefiner.ADVERSE_SEPARATOR, -1)));
                out.put(
                        List.of(
                                r.get(c.get(BronzeSurveyQuestion.SURVEY_ID)),
                                r.get(c.get(BronzeSurveyQuestion.QUESTION_ID))),
                        v);
            }
        }
        return out;
    }

    /** "2025-Q3" from a submission time's date, null when it has none. */
    static String period(String submitted) {
        if (submitted == null || submitted.length() < 10) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(submitted.substring(0, 10));
            return submitted.substring(0, 4) + "-Q" + ((d.getMonthValue() - 1) / 3 + 1);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
