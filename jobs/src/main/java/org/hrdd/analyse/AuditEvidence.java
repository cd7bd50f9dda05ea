package org.hrdd.analyse;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.schemas.Columns.SilverAudit;
import org.hrdd.schemas.Columns.SilverAuditFinding;

/**
 * The audit side of {@code gold.facility_theme_period}: audits of the facility in the trailing window of each
 * analysed period, and their findings on the theme by normalised severity. A cell is audit-flagged when a critical,
 * major or minor finding exists; observations and good-practice notes do not flag.
 */
public final class AuditEvidence {

    /** Severities that make an adverse finding. */
    public static final List<String> ADVERSE = List.of("critical", "major", "minor");

    private AuditEvidence() {}

    /** Per facility × period: audits in window, schemes, latest audit date and whether it was announced. */
    public static Dataset<Row> audits(Dataset<Row> audits, Dataset<Row> windows) {
        Dataset<Row> a = audits.select(
                col(SilverAudit.AUDIT_ID),
                col(SilverAudit.FACILITY_ID),
                col(SilverAudit.SCHEME),
                col(SilverAudit.AUDIT_DATE),
                col(SilverAudit.IS_ANNOUNCED),
                col(SilverAudit.PERIOD).as(AnalysisPeriods.MEMBER));
        return a.join(windows, AnalysisPeriods.MEMBER)
                .groupBy(col(SilverAudit.FACILITY_ID), col(AnalysisPeriods.PERIOD))
                .agg(
                        countDistinct(col(SilverAudit.AUDIT_ID)).as(GoldFacilityThemePeriod.AUDITS_IN_WINDOW),
                        concat_ws(",", array_sort(collect_set(col(SilverAudit.SCHEME))))
                                .as(GoldFacilityThemePeriod.AUDIT_SCHEMES),
                        max(col(SilverAudit.AUDIT_DATE)).as(GoldFacilityThemePeriod.LAST_AUDIT_DATE),
                        max_by(col(SilverAudit.IS_ANNOUNCED), col(SilverAudit.AUDIT_DATE))
                                .as(GoldFacilityThemePeriod.IS_ANNOUNCED));
    }

    /** Per facility × theme × period: findings in the window by normalised severity. */
    public static Dataset<Row> findings(Dataset<Row> findings, Dataset<Row> windows) {
        Dataset<Row> f = findings.select(
                col(SilverAuditFinding.FACILITY_ID),
                col(SilverAuditFinding.THEME),
                col(SilverAuditFinding.SEVERITY),
                col(SilverAuditFinding.PERIOD).as(AnalysisPeriods.MEMBER));
        return f.join(windows, AnalysisPeriods.MEMBER)
                .groupBy(
                        col(SilverAuditFinding.FACILITY_ID), col(SilverAuditFinding.THEME), col(AnalysisPeriods.PERIOD))
                .agg(
                        severity("critical").as(GoldFacilityThemePeriod.FINDINGS_CRITICAL),
                        severity("major").as(GoldFacilityThemePeriod.FINDINGS_MAJOR),
                        severity("minor").as(GoldFacilityThemePeriod.FINDINGS_MINOR),
                        severity("observation").as(GoldFacilityThemePeriod.FINDINGS_OBSERVATION));
    }

    private static Column severity(String s) {
        return sum(when(col(SilverAuditFinding.SEVERITY).equalTo(s), 1L).otherwise(0L));
    }

    /** Fills the audit columns of cells without audits or findings, and sets {@code is_audit_flagged}. */
    public static Dataset<Row> complete(Dataset<Row> cells) {
        Dataset<Row> out = cells.withColumn(
                GoldFacilityThemePeriod.AUDITS_IN_WINDOW,
                coalesce(col(GoldFacilityThemePeriod.AUDITS_IN_WINDOW), lit(0L)));
        for (String c : List.of(
                GoldFacilityThemePeriod.FINDINGS_CRITICAL,
                GoldFacilityThemePeriod.FINDINGS_MAJOR,
                GoldFacilityThemePeriod.FINDINGS_MINOR,
                GoldFacilityThemePeriod.FINDINGS_OBSERVATION)) {
            out = out.withColumn(c, coalesce(col(c), lit(0L)));
        }
        return out.withColumn(
                GoldFacilityThemePeriod.IS_AUDIT_FLAGGED,
                col(GoldFacilityThemePeriod.FINDINGS_CRITICAL)
                        .plus(col(GoldFacilityThemePeriod.FINDINGS_MAJOR))
                        .plus(col(GoldFacilityThemePeriod.FINDINGS_MINOR))
                        .gt(0));
    }
}
