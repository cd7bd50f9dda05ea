package org.hrdd.bench;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.quarter;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hrdd.ingest.Feed;
import org.hrdd.refine.Pseudonymiser;
import org.hrdd.refine.SurveyRefiner;
import org.hrdd.reports.output.StagedDirectory;
import org.hrdd.schemas.Columns.BronzeSurveyQuestion;
import org.hrdd.schemas.Columns.BronzeSurveyResponse;
import org.hrdd.schemas.Columns.SilverWorkerSignal;
import org.hrdd.spark.Joins;

/**
 * The bare Spark passes of {@code hrdd bench --baseline}: the least work any pipeline must do with a tier's survey
 * responses (nine tenths of its bytes), with none of hrdd's checks, written as Delta tables in this JVM's Spark session.
 * What they cost on a machine bounds from below what the pipeline can cost there:
 * <ul>
 *   <li>{@code ingest}: the JSON Lines exports read with an explicit all-string schema of the mapped keys (the
 *       pipeline's own), renamed to the bronze columns, the source file noted, written to Delta;</li>
 *   <li>{@code refine}: the latest version of each response (one window), the respondent pseudonymised (the
 *       pipeline's keyed HMAC), the answers parsed and exploded and kept where the catalogue calls them adverse,
 *       written to Delta;</li>
 *   <li>{@code analyse}: distinct workers per facility x topic x quarter, written to Delta.</li>
 * </ul>
 * Not done here, and done by the pipeline: bad-row quarantine, row lineage, facility resolution, consent scopes,
 * Deequ checks, the other sources, run bookkeeping, scores, indicators and reports. The tables go to
 * {@value #DIR} under the lakehouse and are removed afterwards.
 */
public final class BenchBaseline {

    /** Folder under the lakehouse for the passes' tables. */
    public static final String DIR = "_baseline";
    /** The bench's run name for the passes. */
    public static final String RUN = "baseline";

    /** The URI of the file a row was read from (not the pipeline's relative {@code _source_file}). */
    static final String SOURCE_URI = "_source_uri";

    static final String RANK = "_rank";
    static final String QUESTION = "_question";
    static final String ANSWER = "_answer";
    static final String TOPIC = "_topic";
    static final String WORKERS = "_workers";

    /** The passes' tables. */
    private record Tables(Path bronze, Path silver, Path gold) {}

    private BenchBaseline() {}

    /**
     * Runs the three passes over the exports' survey responses, each measured by {@code bench} as a stage of run
     * {@value #RUN}, then removes their tables.
     *
     * @param responses the survey mapping's response feed (its file pattern and key mapping)
     * @param questions the survey mapping's catalogue feed
     * @param pseudonymiser the pipeline's respondent pseudonyms
     */
    public static List<Benchmark.Stage> run(
            SparkSession spark,
            Benchmark bench,
            Path exports,
            Path lakehouse,
            Feed responses,
            Feed questions,
            Pseudonymiser pseudonymiser) {
        Path root = lakehouse.resolve(DIR);
        Tables t = new Tables(root.resolve("bronze"), root.resolve("silver"), root.resolve("gold"));
        List<Benchmark.Stage> stages = new ArrayList<>();
        delete(root);
        try {
            stages.add(bench.measure(
                    RUN,
                    "ingest",
                    () -> {
                        ingest(spark, exports, responses)
                                .write()
                                .format("delta")
                                .mode("overwrite")
                                .save(t.bronze().toString());
                        return 0;
                    },
                    () -> {
                        long n = count(spark, t.bronze());
                        return new long[] {n, n};
                    }));
            stages.add(bench.measure(
                    RUN,
                    "refine",
                    () -> {
                        refine(delta(spark, t.bronze()), catalogue(spark, exports, questions), pseudonymiser)
                                .write()
                                .format("delta")
                                .mode("overwrite")
                                .save(t.silver().toString());
                        return 0;
                    },
                    () -> new long[] {stages.get(0).rowsOut(), count(spark, t.silver())
                    })); // rows in: what ingest wrote
            stages.add(bench.measure(
                    RUN,
                    "analyse",
                    () -> {
                        analyse(delta(spark, t.silver()))
                                .write()
                                .format("delta")
                                .mode("overwrite")
                                .save(t.gold().toString());
                        return 0;
                    },
                    () -> new long[] {stages.get(1).rowsOut(), count(spark, t.gold())}));
            return stages;
        } finally {
            delete(root);
        }
    }

    /** The response exports as bronze columns (strings, objects and arrays as their JSON text) and the source file. */
    static Dataset<Row> ingest(SparkSession spark, Path exports, Feed responses) {
        StructType schema = new StructType();
        for (String k : responses.headers().values()) {
            schema = schema.add(k, DataTypes.StringType, true);
        }
        Dataset<Row> raw = spark.read()
                .schema(schema)
                .json(exports.resolve(responses.files()).toString());
        List<Column> out = new ArrayList<>();
        for (Map.Entry<String, String> e : responses.headers().entrySet()) {
            out.add(col("`" + e.getValue() + "`").as(e.getKey()));
        }
        out.add(input_file_name().as(SOURCE_URI));
        return raw.select(out.toArray(Column[]::new));
    }

    /**
     * The catalogue's questions with a topic, each with its adverse answers (lower case). Read by the header's names
     * (every column a string: no schema inference), not by position.
     */
    static Dataset<Row> catalogue(SparkSession spark, Path exports, Feed questions) {
        Dataset<Row> raw = spark.read()
                .option("header", "true")
                .option("escape", "\"")
                .csv(exports.resolve(questions.files()).toString());
        Map<String, String> c = questions.headers();
        return raw.filter(col(c.get(BronzeSurveyQuestion.TOPIC_CODE))
                        .isNotNull()
                        .and(col(c.get(BronzeSurveyQuestion.ADVERSE_ANSWERS)).isNotNull()))
                .select(
                        col(c.get(BronzeSurveyQuestion.SURVEY_ID)).as(BronzeSurveyQuestion.SURVEY_ID),
                        col(c.get(BronzeSurveyQuestion.QUESTION_ID)).as(QUESTION),
                        col(c.get(BronzeSurveyQuestion.TOPIC_CODE)).as(TOPIC),
                        split(lower(col(c.get(BronzeSurveyQuestion.ADVERSE_ANSWERS))), SurveyRefiner.ADVERSE_SEPARATOR)
                                .as(BronzeSurveyQuestion.ADVERSE_ANSWERS));
    }

    /** One row per adverse answer of each response's latest version. */
    static Dataset<Row> refine(Dataset<Row> bronze, Dataset<Row> catalogue, Pseudonymiser pseudonymiser) {
        UserDefinedFunction pseudonym = udf((UDF1<String, String>) pseudonymiser::pseudonym, DataTypes.StringType);
        Dataset<Row> latest = bronze.withColumn(
                        RANK,
                        row_number()
                                .over(Window.partitionBy(BronzeSurveyResponse.RESPONSE_ID)
                                        .orderBy(
                                                col(BronzeSurveyResponse.SUBMITTED_AT)
                                                        .desc(),
                                                col(SOURCE_URI).desc())))
                .filter(col(RANK).equalTo(1));
        Dataset<Row> answers = latest.select(
                col(BronzeSurveyResponse.RESPONSE_ID),
                col(BronzeSurveyResponse.SURVEY_ID),
                col(BronzeSurveyResponse.FACILITY_OS_ID),
                col(BronzeSurveyResponse.SUBMITTED_AT),
                pseudonym.apply(col(BronzeSurveyResponse.RESPONDENT_KEY)).as(SilverWorkerSignal.WORKER_PSEUDONYM),
                explode(from_json(
                                col(BronzeSurveyResponse.ANSWERS),
                                DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType)))
                        .as(new String[] {QUESTION, ANSWER}));
        return Joins.inner(answers, broadcast(catalogue), BronzeSurveyQuestion.SURVEY_ID, QUESTION)
                .filter(array_contains(col(BronzeSurveyQuestion.ADVERSE_ANSWERS), lower(trim(col(ANSWER)))))
                .drop(BronzeSurveyQuestion.ADVERSE_ANSWERS);
    }

    /** Distinct workers per facility x topic x quarter. */
    static Dataset<Row> analyse(Dataset<Row> silver) {
        Column day = to_date(substring(col(BronzeSurveyResponse.SUBMITTED_AT), 1, 10));
        return silver.withColumn(
                        SilverWorkerSignal.PERIOD,
                        concat(
                                substring(col(BronzeSurveyResponse.SUBMITTED_AT), 1, 4),
                                lit("-Q"),
                                quarter(day).cast(DataTypes.StringType)))
                .groupBy(col(BronzeSurveyResponse.FACILITY_OS_ID), col(TOPIC), col(SilverWorkerSignal.PERIOD))
                .agg(count_distinct(col(SilverWorkerSignal.WORKER_PSEUDONYM)).as(WORKERS));
    }

    private static Dataset<Row> delta(SparkSession spark, Path table) {
        return spark.read().format("delta").load(table.toString());
    }

    private static long count(SparkSession spark, Path table) {
        return delta(spark, table).count();
    }

    private static void delete(Path root) {
        try {
            StagedDirectory.deleteTree(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root, e);
        }
    }
}
