package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.config.AppConfig;
import org.hrdd.run.Progress;
import org.hrdd.run.RunContext;
import org.hrdd.schemas.Columns.OpsFacilityMatches;
import org.hrdd.schemas.Lineage;
import org.hrdd.spark.SharedSpark;
import org.hrdd.testing.SampleLakehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reviewed override beats the matcher: one never_match line and a rerun undo a merge, and silver follows. */
class FacilityOverrideIT {

    @TempDir
    Path tmp;

    @Test
    void aNeverMatchLineUndoesAFuzzyMergeAndTheAffectedSilverRowsChange() throws IOException {
        SampleLakehouse.refined();
        SparkSession spark = SharedSpark.session();
        Path copy = tmp.resolve("lh");
        SampleLakehouse.copyTo(copy);
        AppConfig cfg = SampleLakehouse.config().withLakehouse(copy.toString());
        RunContext ctx = new RunContext("r-override", "refine", List.of(), SampleLakehouse.RUN_DATE, cfg, "test");

        Row merge = spark.read()
                .format("delta")
                .load(ctx.lakehouse().tablePath(OpsFacilityMatches.TABLE))
                .filter(col(OpsFacilityMatches.SOURCE_TABLE)
                        .equalTo("bronze.helpline_case")
                        .and(col(OpsFacilityMatches.MATCH_METHOD).isin("fuzzy_name", "abbreviation")))
                .orderBy(col(OpsFacilityMatches.OCCURRENCES).desc(), col(OpsFacilityMatches.MATCH_KEY))
                .first();
        String name = merge.getAs(OpsFacilityMatches.FACILITY_NAME);
        String country = merge.getAs(OpsFacilityMatches.COUNTRY_CODE);
        String wrongFacility = merge.getAs(OpsFacilityMatches.FACILITY_ID);
        Dataset<Row> signals = spark.read().format("delta").load(ctx.lakehouse().tablePath("silver.worker_signal"));
        List<Row> before = casesOf(signals, wrongFacility);

        RefineJob.Config base = RefineJob.Config.of(cfg, SampleLakehouse.KEY);
        RefineJob.Config reviewed = new RefineJob.Config(
                base.contracts(),
                base.taxonomies(),
                base.dateFormats(),
                base.fx(),
                List.of(new FacilityResolver.Override(
                        name, country, wrongFacility, false, "reviewer", "not the same site")),
                base.resolution(),
                base.gate(),
                base.granularity(),
                base.pseudonymiser(),
                // as if conf/facility_overrides.yaml had been edited: another configuration, so a full refine
                base.configHash() + "+override");
        new RefineJob(reviewed, Progress.silent()).run(spark, ctx);

        Row after = spark.read()
                .format("delta")
                .load(ctx.lakehouse().tablePath(OpsFacilityMatches.TABLE))
                .filter(col(OpsFacilityMatches.MATCH_KEY).equalTo(merge.<String>getAs(OpsFacilityMatches.MATCH_KEY)))
                .first();
        assertThat(after.<String>getAs(OpsFacilityMatches.FACILITY_ID)).isNotEqualTo(wrongFacility);
        Dataset<Row> signalsAfter =
                spark.read().format("delta").load(ctx.lakehouse().tablePath("silver.worker_signal"));
        List<Row> remaining = casesOf(signalsAfter, wrongFacility);
        assertThat(remaining.size()).isLessThan(before.size());
        // The cases that named the facility this way left it; the facility's other cases stayed.
        assertThat(before).containsAll(remaining);
    }

    private static List<Row> casesOf(Dataset<Row> signals, String facility) {
        return signals.filter(
                        col("facility_id").equalTo(facility).and(col("channel").equalTo("helpline")))
                .select(col(Lineage.SOURCE_FILE), col(Lineage.SOURCE_ROW), col("source_code"))
                .collectAsList();
    }
}
