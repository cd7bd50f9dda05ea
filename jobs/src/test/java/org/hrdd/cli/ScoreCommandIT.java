package org.hrdd.cli;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.run.TableComparison;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.schemas.Columns.GoldRiskScore;
import org.hrdd.spark.SharedSpark;
import org.hrdd.testing.SampleLakehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hrdd score} end to end on a copy of the analysed sample lakehouse: a later change of the inputs changes the
 * scores, {@code --as-of} and {@code hrdd reproduce} give back what an earlier run wrote, and a changed model cannot
 * rewrite the scores of its version (a new version writes rows of its own: the table is keyed by model version).
 */
class ScoreCommandIT {

    @TempDir
    Path tmp;

    static final Pattern RUN = Pattern.compile("^run (\\S+)$", Pattern.MULTILINE);

    static String runId(HrddCliIT.Result r) {
        Matcher m = RUN.matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        return m.group(1);
    }

    HrddCliIT.Result hrdd(Path conf, Path lakehouse, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--conf";
        all[1] = conf.toString();
        all[2] = "--lakehouse";
        all[3] = lakehouse.toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return HrddCliIT.run(all);
    }

    @Test
    void anEarlierRunIsReproducedAfterTheInputsChangedAndAChangedModelNeedsANewVersion() throws Exception {
        SparkSession spark = SharedSpark.session();
        SampleLakehouse.analysed();
        Path lh = SampleLakehouse.copyTo(tmp.resolve("lh"));
        Path conf = Path.of(HrddCliIT.CONF);
        String scores = lh.resolve("gold/risk_score").toString();

        HrddCliIT.Result first = hrdd(conf, lh, "score", "--period", "2026-Q3", "--run-date", "2026-10-15");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("gold.risk_score, 2026-Q3, model ");
        String a = runId(first);
        long versionA = io.delta.tables.DeltaTable.forPath(spark, scores)
                .history(1)
                .first()
                .getAs("version");

        // the inputs change: workers reached and reporting on one facility's cells vanish from the latest period
        String facility = spark.read()
                .format("delta")
                .load(lh.resolve("gold/facility_theme_period").toString())
                .filter("period = '2026-Q3' AND workers_reporting > 0")
                .orderBy(GoldFacilityThemePeriod.FACILITY_ID)
                .first()
                .getAs(GoldFacilityThemePeriod.FACILITY_ID);
        spark.sql("UPDATE delta.`" + lh.resolve("gold/facility_theme_period") + "` SET workers_reporting = 0, "
                + "workers_reporting_survey = 0, workers_reporting_helpline = 0 WHERE facility_id = '" + facility
                + "'");
        HrddCliIT.Result second = hrdd(conf, lh, "score", "--period", "2026-Q3", "--run-date", "2026-10-16");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(runId(second)).isNotEqualTo(a);
        Dataset<Row> then =
                spark.read().format("delta").option("versionAsOf", versionA).load(scores);
        Dataset<Row> now = spark.read().format("delta").load(scores);
        List<String> compared = List.of(GoldRiskScore.SCOPE_ID, GoldRiskScore.PERIOD, GoldRiskScore.SCORE);
        assertThat(TableComparison.compare(GoldRiskScore.TABLE, then, now, compared)
                        .identical())
                .isFalse();
        org.apache.spark.sql.Column cell = col(GoldRiskScore.SCOPE_ID)
                .equalTo(facility)
                .and(col(GoldRiskScore.PERIOD).equalTo("2026-Q3"));
        assertThat(now.filter(cell).first().<Double>getAs(GoldRiskScore.SCORE))
                .isLessThan(then.filter(cell).first().<Double>getAs(GoldRiskScore.SCORE));

        // the earlier run reproduces from the versions it read
        HrddCliIT.Result reproduceA = hrdd(conf, lh, "reproduce", a);
        assertThat(reproduceA.code()).as(reproduceA.out() + reproduceA.err()).isZero();
        assertThat(reproduceA.out())
                .containsPattern("gold.risk_score\\s+identical: 297 rows then, 297 now")
                .containsPattern("gold.risk_theme\\s+identical: 4,200 rows then")
                .contains("reproduced: every table identical");

        // --as-of A scores today's lakehouse as it was for A: the table holds A's rows again
        HrddCliIT.Result asOf =
                hrdd(conf, lh, "score", "--period", "2026-Q3", "--as-of", a, "--run-date", "2026-10-17");
        assertThat(asOf.code()).as(asOf.err()).isZero();
        List<String> all =
                SharedSpark.session().read().format("delta").load(scores).columns().length > 0
                        ? java.util.Arrays.stream(then.columns())
                                .filter(c -> !c.equals("_run_id"))
                                .toList()
                        : List.of();
        assertThat(TableComparison.compare(
                                GoldRiskScore.TABLE,
                                then,
                                spark.read().format("delta").load(scores),
                                all)
                        .identical())
                .isTrue();

        // a changed weight under the same version is refused, and the scores of that version stay as they were
        Path changed = SampleLakehouse.copyTree(conf, tmp.resolve("conf"));
        Path model = changed.resolve("risk-model.yaml");
        Files.writeString(
                model,
                Files.readString(model).replace("critical_finding_uplift: 0.15", "critical_finding_uplift: 0.30"));
        long before = io.delta.tables.DeltaTable.forPath(spark, scores)
                .history(1)
                .first()
                .getAs("version");
        HrddCliIT.Result refused = hrdd(changed, lh, "score", "--period", "2026-Q3");
        assertThat(refused.code()).isEqualTo(Hrdd.USAGE);
        assertThat(refused.err()).contains("change `version`");
        assertThat(io.delta.tables.DeltaTable.forPath(spark, scores)
                        .history(1)
                        .first()
                        .<Long>getAs("version"))
                .isEqualTo(before);
    }
}
