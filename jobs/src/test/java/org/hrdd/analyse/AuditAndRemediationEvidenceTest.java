package org.hrdd.analyse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hrdd.config.AppConfig;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.schemas.Columns.SilverAudit;
import org.hrdd.schemas.Columns.SilverAuditFinding;
import org.hrdd.schemas.Columns.SilverRemediation;
import org.hrdd.spark.SharedSpark;
import org.hrdd.time.Periods;
import org.junit.jupiter.api.Test;

/** The audit window and the CAP counts as of a period's last day, on hand-made rows. */
class AuditAndRemediationEvidenceTest {

    static final AnalysisPeriods PERIODS = AnalysisPeriods.between(
            Periods.parse("2026-Q2", AppConfig.Granularity.QUARTER),
            Periods.parse("2026-Q3", AppConfig.Granularity.QUARTER));

    @Test
    void auditsAndFindingsCountInTheTrailingWindow() {
        SparkSession spark = SharedSpark.session();
        StructType audits = new StructType()
                .add(SilverAudit.AUDIT_ID, DataTypes.StringType)
                .add(SilverAudit.FACILITY_ID, DataTypes.StringType)
                .add(SilverAudit.SCHEME, DataTypes.StringType)
                .add(SilverAudit.AUDIT_DATE, DataTypes.DateType)
                .add(SilverAudit.IS_ANNOUNCED, DataTypes.BooleanType)
                .add(SilverAudit.PERIOD, DataTypes.StringType);
        Dataset<Row> a = spark.createDataFrame(
                List.of(
                        RowFactory.create("A0", "F1", "smeta", Date.valueOf("2026-02-10"), true, "2026-Q1"),
                        RowFactory.create("A1", "F1", "smeta", Date.valueOf("2026-05-10"), true, "2026-Q2"),
                        RowFactory.create("A2", "F1", "sa8000", Date.valueOf("2026-08-01"), false, "2026-Q3")),
                audits);
        StructType findings = new StructType()
                .add(SilverAuditFinding.AUDIT_ID, DataTypes.StringType)
                .add(SilverAuditFinding.FACILITY_ID, DataTypes.StringType)
                .add(SilverAuditFinding.THEME, DataTypes.StringType)
                .add(SilverAuditFinding.SEVERITY, DataTypes.StringType)
                .add(SilverAuditFinding.PERIOD, DataTypes.StringType);
        Dataset<Row> f = spark.createDataFrame(
                List.of(
                        RowFactory.create("A0", "F1", "wages_benefits", "major", "2026-Q1"),
                        RowFactory.create("A1", "F1", "wages_benefits", "minor", "2026-Q2"),
                        RowFactory.create("A1", "F1", "health_safety", "observation", "2026-Q2"),
                        RowFactory.create("A2", "F1", "wages_benefits", "critical", "2026-Q3")),
                findings);
        Dataset<Row> windows = PERIODS.windows(spark, 2);

        List<Row> perAudit = AuditEvidence.audits(a, windows)
                .orderBy(GoldFacilityThemePeriod.PERIOD)
                .collectAsList();
        // 2026-Q2 window = Q1 + Q2; 2026-Q3 window = Q2 + Q3
        assertThat(perAudit)
                .extracting(r -> r.<Long>getAs(GoldFacilityThemePeriod.AUDITS_IN_WINDOW))
                .containsExactly(2L, 2L);
        assertThat(perAudit)
                .extracting(r -> r.<String>getAs(GoldFacilityThemePeriod.AUDIT_SCHEMES))
                .containsExactly("smeta", "sa8000,smeta");
        assertThat(perAudit)
                .extracting(r -> r.<Boolean>getAs(GoldFacilityThemePeriod.IS_ANNOUNCED))
                .containsExactly(true, false);

        List<Row> perTheme = AuditEvidence.findings(f, windows)
                .orderBy(GoldFacilityThemePeriod.PERIOD, GoldFacilityThemePeriod.THEME)
                .collectAsList();
        // Q2: health_safety observation; wages major (Q1) + minor (Q2). Q3: health_safety observation; wages minor +
        // critical
        assertThat(perTheme)
                .extracting(r -> r.getString(1) + "@" + r.getString(2) + ":"
                        + r.getAs(GoldFacilityThemePeriod.FINDINGS_CRITICAL)
                        + r.getAs(GoldFacilityThemePeriod.FINDINGS_MAJOR)
                        + r.getAs(GoldFacilityThemePeriod.FINDINGS_MINOR)
                        + r.getAs(GoldFacilityThemePeriod.FINDINGS_OBSERVATION))
                .containsExactly(
                        "health_safety@2026-Q2:0001",
                        "wages_benefits@2026-Q2:0110",
                        "health_safety@2026-Q3:0001",
                        "wages_benefits@2026-Q3:1010");
        List<Row> flagged = AuditEvidence.complete(AuditEvidence.findings(f, windows)
                        .withColumn(GoldFacilityThemePeriod.AUDITS_IN_WINDOW, org.apache.spark.sql.functions.lit(2L)))
                .orderBy(GoldFacilityThemePeriod.PERIOD, GoldFacilityThemePeriod.THEME)
                .collectAsList();
        // an observation alone does not flag
        assertThat(flagged)
                .extracting(r -> r.<Boolean>getAs(GoldFacilityThemePeriod.IS_AUDIT_FLAGGED))
                .containsExactly(false, true, false, true);
    }

    @Test
    void capsAreCountedAsOfThePeriodsLastDay() {
        SparkSession spark = SharedSpark.session();
        StructType caps = new StructType()
                .add(SilverRemediation.FACILITY_ID, DataTypes.StringType)
                .add(SilverRemediation.THEME, DataTypes.StringType)
                .add(SilverRemediation.OPENED_ON, DataTypes.DateType)
                .add(SilverRemediation.DUE_ON, DataTypes.DateType)
                .add(SilverRemediation.CLOSED_ON, DataTypes.DateType)
                .add(SilverRemediation.AMOUNT_EUR, DataTypes.DoubleType);
        Dataset<Row> r = spark.createDataFrame(
                List.of(
                        // opened Q2, due Q2, closed Q3 with 100 EUR: open+overdue at end of Q2, closed in Q3
                        RowFactory.create(
                                "F1",
                                "t",
                                Date.valueOf("2026-04-01"),
                                Date.valueOf("2026-05-01"),
                                Date.valueOf("2026-07-15"),
                                100.0),
                        // opened Q2, due Q4, never closed: open at both ends, overdue at neither
                        RowFactory.create(
                                "F1", "t", Date.valueOf("2026-06-01"), Date.valueOf("2026-10-30"), null, null),
                        // opened Q3, due 2026-09-30 = the last day: not yet overdue on that day
                        RowFactory.create(
                                "F1", "t", Date.valueOf("2026-08-01"), Date.valueOf("2026-09-30"), null, 50.0),
                        // closed within Q2 with 20 EUR
                        RowFactory.create(
                                "F1",
                                "t",
                                Date.valueOf("2026-04-02"),
                                Date.valueOf("2026-04-20"),
                                Date.valueOf("2026-04-10"),
                                20.0)),
                caps);
        List<Row> out = RemediationEvidence.caps(r, PERIODS.table(spark))
                .orderBy(GoldFacilityThemePeriod.PERIOD)
                .collectAsList();
        assertThat(out)
                .extracting(x -> x.getString(2) + ":" + x.getAs(GoldFacilityThemePeriod.CAPS_OPEN)
                        + x.getAs(GoldFacilityThemePeriod.CAPS_OVERDUE) + x.getAs(GoldFacilityThemePeriod.CAPS_CLOSED))
                .containsExactly("2026-Q2:211", "2026-Q3:201");
        assertThat(out.get(0).<Double>getAs(GoldFacilityThemePeriod.AMOUNT_REMEDIED_EUR))
                .isCloseTo(20.0, within(1e-9));
        assertThat(out.get(1).<Double>getAs(GoldFacilityThemePeriod.AMOUNT_REMEDIED_EUR))
                .isCloseTo(100.0, within(1e-9));
    }
}
