package org.hrdd.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hrdd.refine.BronzeFixture.row;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hrdd.schemas.Lineage;
import org.junit.jupiter.api.Test;

class FacilityRefinerTest {

    static Map<String, Object> facility(String id, String name, String sector, String headcount) {
        return row(
                "facility_id",
                id,
                "facility_name",
                name,
                "country_code",
                "th",
                "sector",
                sector,
                "os_id",
                " th2019067x1k87e ",
                "headcount",
                headcount,
                "supplier_id",
                "S1",
                "supplier_name",
                "Siam Group");
    }

    @Test
    void typesNormalisesAndQuarantinesWithReasonsAndSupersedesOlderExports() {
        Map<String, Object> old = facility("F1", "Old Name Co., Ltd.", "electronics", "300");
        old.put(Lineage.SOURCE_FILE, "suppliers/2026-01/facilities.csv");
        old.put(Lineage.INGESTED_ON, java.sql.Date.valueOf("2026-01-10"));
        Dataset<Row> bronze = BronzeFixture.of(
                "bronze.facility",
                facility("F1", "Siam Precision Electronics Co., Ltd.", "Electronics", "1200"),
                facility("F2", "Chiang Mai Apparel", "apparel", "many"),
                facility("F3", "Krabi Palm", "palm oil", "-5"),
                facility("F1", "Siam Precision Electronics Co., Ltd.", "electronics", "1200"),
                row("_corrupt_record", "\"F9,unclosed", "_source_row", 5L),
                old);
        Refined r = FacilityRefiner.facilities(
                bronze,
                BronzeFixture.contract("bronze.facility"),
                BronzeFixture.contract("silver.facility"),
                "r-refine");

        List<Row> silver = r.silver().orderBy("facility_id").collectAsList();
        assertThat(silver).hasSize(1);
        Row f1 = silver.get(0);
        assertThat(f1.<String>getAs("facility_id")).isEqualTo("F1");
        assertThat(f1.<Long>getAs("_source_row")).isEqualTo(1L);
        assertThat(f1.<String>getAs("name_key")).isEqualTo("siamprecisionelectronics");
        assertThat(f1.<String>getAs("country_code")).isEqualTo("TH");
        assertThat(f1.<String>getAs("sector")).isEqualTo("electronics");
        assertThat(f1.<String>getAs("os_id")).isEqualTo("TH2019067X1K87E");
        assertThat(f1.<Long>getAs("headcount")).isEqualTo(1200L);
        assertThat(f1.<String>getAs("_run_id")).isEqualTo("r-refine");

        List<String> reasons = r.quarantine().orderBy("source_row", "reason").collectAsList().stream()
                .map(q -> q.getAs("source_row") + ":" + q.getAs("reason"))
                .toList();
        // Row 4 repeats F1 later in the same file: row 1 is kept, row 4 is the duplicate.
        // Row 3: "palm oil" is not the sector code palm_oil, and -5 workers is negative.
        // Row 5 could not be parsed: it is only BROKEN_RECORD, not also missing every value.
        assertThat(reasons)
                .containsExactly(
                        "2:NOT_ALLOWED", "3:NEGATIVE_COUNT", "3:NOT_ALLOWED", "4:DUPLICATE", "5:BROKEN_RECORD");
        Refined.Accounting a = r.accounting();
        assertThat(a).isEqualTo(new Refined.Accounting(6, 1, 4, 1));
        assertThat(a.balanced()).isTrue();
        Row raw = r.quarantine().filter("source_row = 2").first();
        assertThat(raw.<String>getAs("detail")).isEqualTo("headcount 'many' is not a number");
        assertThat(raw.<String>getAs("raw_row")).contains("\"facility_name\":\"Chiang Mai Apparel\"");
    }

    @Test
    void brandLinksNeedAKnownFacilityAndValidDates() {
        Dataset<Row> facilities = FacilityRefiner.facilities(
                        BronzeFixture.of("bronze.facility", facility("F1", "Siam Precision", "electronics", "100")),
                        BronzeFixture.contract("bronze.facility"),
                        BronzeFixture.contract("silver.facility"),
                        "r")
                .silver();
        Dataset<Row> links = BronzeFixture.of(
                "bronze.brand_facility",
                row(
                        "brand_id",
                        "B1",
                        "brand_name",
                        "Brand One",
                        "facility_id",
                        "F1",
                        "valid_from",
                        "2025-01-01",
                        "valid_to",
                        "2027-12-31"),
                row("brand_id", "B1", "brand_name", "Brand One", "facility_id", "F7", "valid_from", "2025-01-01"),
                row("brand_id", "B2", "brand_name", "Brand Two", "facility_id", "F1", "valid_from", "2025-02-30"));
        SourceDatesUdf dates =
                new SourceDatesUdf(Map.of("test_system", List.of("yyyy-MM-dd")), LocalDate.of(2026, 10, 20));
        Refined r = FacilityRefiner.brandFacilities(
                links,
                BronzeFixture.contract("bronze.brand_facility"),
                BronzeFixture.contract("silver.brand_facility"),
                facilities,
                dates,
                "r");
        List<Row> silver = r.silver().collectAsList();
        assertThat(silver).hasSize(1);
        assertThat(silver.get(0).<java.sql.Date>getAs("valid_to").toLocalDate())
                .as("a planned end date is kept")
                .isEqualTo(LocalDate.of(2027, 12, 31));
        assertThat(r.quarantine().orderBy("source_row").collectAsList())
                .extracting(q -> q.<String>getAs("reason"))
                .as("an unparseable valid_from is BAD_DATE, not also a missing value")
                .containsExactly("ORPHAN_REFERENCE", "BAD_DATE");
    }

    /** Ids become folder names (a report per brand): `..`, absolute paths, separators and NUL are quarantined. */
    @Test
    void idsThatWouldBecomePathsAreQuarantinedAsNotAllowed() {
        Map<String, Object> badSupplier = facility("F2", "Bad Supplier Id", "electronics", "100");
        badSupplier.put("supplier_id", "../S1");
        Refined f = FacilityRefiner.facilities(
                BronzeFixture.of(
                        "bronze.facility",
                        facility("F1", "Siam Precision", "electronics", "100"),
                        badSupplier,
                        facility("/etc/F3", "Absolute", "electronics", "100")),
                BronzeFixture.contract("bronze.facility"),
                BronzeFixture.contract("silver.facility"),
                "r");
        assertThat(f.silver().collectAsList())
                .extracting(r -> r.<String>getAs("facility_id"))
                .containsExactly("F1");
        assertThat(f.quarantine().orderBy("source_row").collectAsList())
                .extracting(q -> q.<String>getAs("detail"))
                .containsExactly(
                        "supplier_id '../S1' does not match the pattern [A-Za-z0-9][A-Za-z0-9_.-]{0,63}",
                        "facility_id '/etc/F3' does not match the pattern [A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
        List<String> bad = List.of("..", "../../x", "/abs", "a/b", "a\\b", "a\u0000b", "B 1", ".hidden");
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        rows.add(row("brand_id", "B1", "brand_name", "Brand One", "facility_id", "F1", "valid_from", "2025-01-01"));
        for (String b : bad) {
            rows.add(row("brand_id", b, "brand_name", "Brand", "facility_id", "F1", "valid_from", "2025-01-01"));
        }
        @SuppressWarnings("unchecked")
        Dataset<Row> links = BronzeFixture.of("bronze.brand_facility", rows.toArray(Map[]::new));
        SourceDatesUdf dates =
                new SourceDatesUdf(Map.of("test_system", List.of("yyyy-MM-dd")), LocalDate.of(2026, 10, 20));
        Refined r = FacilityRefiner.brandFacilities(
                links,
                BronzeFixture.contract("bronze.brand_facility"),
                BronzeFixture.contract("silver.brand_facility"),
                f.silver(),
                dates,
                "r");
        assertThat(r.silver().collectAsList())
                .extracting(x -> x.<String>getAs("brand_id"))
                .containsExactly("B1");
        List<Row> q = r.quarantine().orderBy("source_row").collectAsList();
        assertThat(q)
                .extracting(x -> x.<String>getAs("reason"))
                .containsOnly("NOT_ALLOWED")
                .hasSize(bad.size());
        assertThat(q.get(1).<String>getAs("detail")).startsWith("brand_id '../../x' does not match");
        // a NUL shows as the visible symbol for it
        assertThat(q.get(5).<String>getAs("detail")).startsWith("brand_id 'a\u2400b' does not match");
        assertThat(r.accounting().balanced()).isTrue();
    }
}
