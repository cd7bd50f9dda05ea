package org.hrdd.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hrdd.refine.BronzeFixture.row;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hrdd.spark.SharedSpark;
import org.junit.jupiter.api.Test;

class CapAndReachTest {

    static final Taxonomies TAXONOMIES = new Taxonomies(
            Map.of(
                    "recruitment_fees",
                    new Taxonomies.Theme("recruitment_fees", "Recruitment fees", "recruitment", false)),
            Map.of(
                    "helpline_ngo_a",
                    new Taxonomies.Crosswalk("helpline_ngo_a", Map.of("RF01", "recruitment_fees"), Map.of())));

    @Test
    void remediationIsTypedConvertedToEuroAndOverdueAsOfTheRunDate() {
        Dataset<Row> facilities = SharedSpark.session()
                .createDataFrame(
                        List.of(RowFactory.create("F1")), new StructType().add("facility_id", DataTypes.StringType));
        Dataset<Row> bronze = BronzeFixture.of(
                "bronze.cap",
                row(
                        "cap_id",
                        "CAP-1",
                        "source_type",
                        "helpline_case",
                        "source_ref",
                        "helpline_ngo_a:C1",
                        "facility_id",
                        "F1",
                        "issue_code",
                        "RF01",
                        "taxonomy",
                        "helpline_ngo_a",
                        "opened_at",
                        "2026-03-01",
                        "due_at",
                        "2026-04-30",
                        "closed_at",
                        "2026-06-15",
                        "verified_at",
                        "2026-07-01",
                        "verification_method",
                        "Worker Confirmation",
                        "remedy_type",
                        "Fee Repayment",
                        "amount",
                        "45,000",
                        "currency",
                        "thb",
                        "workers_covered",
                        "12"),
                row(
                        "cap_id",
                        "CAP-2",
                        "source_type",
                        "audit_finding",
                        "source_ref",
                        "rba_vap:A:1",
                        "facility_id",
                        "F1",
                        "issue_code",
                        "RF01",
                        "taxonomy",
                        "helpline_ngo_a",
                        "opened_at",
                        "2026-08-01",
                        "due_at",
                        "2026-09-30"),
                row(
                        "cap_id",
                        "CAP-3",
                        "source_type",
                        "audit_finding",
                        "source_ref",
                        "rba_vap:A:2",
                        "facility_id",
                        "F1",
                        "issue_code",
                        "RF01",
                        "taxonomy",
                        "helpline_ngo_a",
                        "opened_at",
                        "2026-10-01",
                        "due_at",
                        "2026-12-31",
                        "amount",
                        "100",
                        "currency",
                        "XYZ"),
                row(
                        "cap_id",
                        "CAP-4",
                        "source_type",
                        "audit_finding",
                        "source_ref",
                        "rba_vap:A:3",
                        "facility_id",
                        "F9",
                        "issue_code",
                        "RF01",
                        "taxonomy",
                        "helpline_ngo_a",
                        "opened_at",
                        "2026-08-01"),
                row(
                        "cap_id",
                        "CAP-5",
                        "source_type",
                        "audit_finding",
                        "source_ref",
                        "rba_vap:A:4",
                        "facility_id",
                        " ",
                        "issue_code",
                        "RF01",
                        "taxonomy",
                        "helpline_ngo_a",
                        "opened_at",
                        "2026-08-01"));
        FxRates fx = new FxRates("2026-09-30", Map.of("THB", 0.026, "EUR", 1.0));
        Refined r = CapRefiner.refine(
                bronze,
                BronzeFixture.contract("bronze.cap"),
                BronzeFixture.contract("silver.remediation"),
                facilities,
                new CrosswalkColumns(TAXONOMIES),
                new SourceDatesUdf(Map.of("test_system", List.of("yyyy-MM-dd")), LocalDate.of(2026, 10, 20)),
                fx,
                LocalDate.of(2026, 10, 20),
                "r");
        List<Row> silver = r.silver().orderBy("cap_id").collectAsList();
        assertThat(silver).hasSize(2);
        Row fee = silver.get(0);
        assertThat(fee.<Double>getAs("amount")).isEqualTo(45_000.0);
        assertThat(fee.<Double>getAs("amount_eur")).isCloseTo(1_170.0, within(1e-6)); // 45,000 THB x 0.026
        assertThat(fee.<String>getAs("remedy_type")).isEqualTo("fee_repayment");
        assertThat(fee.<String>getAs("status")).isEqualTo("verified");
        // the supplier's stated method is kept as stated, and is not read as the worker's confirmation
        assertThat(fee.<String>getAs("verification_method")).isEqualTo("worker_confirmation");
        assertThat(fee.schema().fieldNames()).doesNotContain("is_worker_confirmed");
        assertThat(fee.<Boolean>getAs("is_overdue")).isFalse();
        assertThat(fee.<String>getAs("theme")).isEqualTo("recruitment_fees");
        Row open = silver.get(1);
        assertThat(open.<String>getAs("status")).isEqualTo("open");
        assertThat(open.<Boolean>getAs("is_overdue"))
                .as("due 2026-09-30, open on 2026-10-20")
                .isTrue();
        assertThat(r.quarantine().orderBy("source_row").collectAsList())
                .extracting(q -> q.<String>getAs("reason") + ":" + q.<String>getAs("detail"))
                .as("the detail shows the value it could not use")
                .containsExactly(
                        "NOT_ALLOWED:currency 'XYZ' has no rate in conf/fx_rates.yaml",
                        "UNRESOLVED_FACILITY:facility_id 'F9' is not in the facility master",
                        "UNRESOLVED_FACILITY:no facility_id given");
    }

    @Test
    void reachCountsDistinctConsentingWorkersIncludingThoseWhoReportNothing() {
        StructType schema = new StructType()
                .add("facility_id", DataTypes.StringType)
                .add("period", DataTypes.StringType)
                .add("channel", DataTypes.StringType)
                .add("worker_pseudonym", DataTypes.StringType)
                .add("consent_aggregate", DataTypes.BooleanType)
                .add("reports_any", DataTypes.BooleanType);
        Dataset<Row> contacts = SharedSpark.session()
                .createDataFrame(
                        List.of(
                                RowFactory.create("F1", "2026-Q3", "survey", "w1", true, true),
                                RowFactory.create("F1", "2026-Q3", "survey", "w1", true, false),
                                RowFactory.create("F1", "2026-Q3", "survey", "w2", true, false),
                                RowFactory.create("F1", "2026-Q3", "survey", "w3", false, true),
                                RowFactory.create("F1", "2026-Q3", "helpline", "w4", true, true)),
                        schema);
        List<Row> reach = WorkerReach.compute(contacts, BronzeFixture.contract("silver.worker_reach"), "r")
                .orderBy("channel")
                .collectAsList();
        assertThat(reach)
                .extracting(x -> x.getAs("channel") + ":" + x.getAs("workers_reached") + ":"
                        + x.getAs("workers_reporting") + ":" + x.getAs("contacts"))
                .as("w3 gave no aggregate consent and counts nowhere")
                .containsExactly("helpline:1:1:1", "survey:2:1:3");
    }
}
