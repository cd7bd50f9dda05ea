package org.hrdd.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.run.Progress;
import org.hrdd.run.RunContext;
import org.hrdd.schemas.Lineage;
import org.hrdd.spark.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A grievance-log style export onboarded by its mapping file alone: null tokens, country names through the shipped
 * table, status words through an inline map, a fallback date column, wide flags with a conditional one, and a row
 * filter; each feature checked on the bronze rows it lands.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MappingFeaturesTest {

    static final String MAPPING =
            """
            system: grievance_log
            description: A grievance tracker's export (wide issue flags, country names, NA for unknown).
            evidence: third_party_grievance
            feeds:
              - table: grievance_case
                files: "grievances/*.csv"
                format: csv
                null_tokens: [NA, "N/A", "-"]
                constants: {taxonomy: helpline_ngo_b}
                columns:
                  case_id: "Case ID"
                  received_at: ["Date raised", "Date published"]
                  raised_by: {from: "Raised by", values: {"Workers": workers, "NGO": ngo}, unknown: "null"}
                  facility_name: {from: "Company", split: [";", " / "]}
                  country_code: {from: "Country", values: countries}
                  status: {from: "Status", values: {"Closed - resolved": resolved, "Under review": open}}
                keep_rows:
                  - {column: "Scope", not_in: [Environment, Land]}
                flag_columns:
                  target: issue_codes
                  true_values: ["1"]
                  false_values: ["0"]
                  columns:
                    "Recruitment fees": B-FEE
                    "Wage theft": {code: B-WAGE-UNPAID, when: {column: "Raised by", in: [Workers, Worker]}}
            """;

    static final String EXPORT = String.join(
            "\n",
            "Case ID,Date raised,Date published,Raised via,Raised by,Company,Country,Status,Scope,Recruitment fees,Wage theft",
            "G-1,2021-03-04,NA,E-mail,Workers,Siam Precision,Thailand,Closed - resolved,Labour,1,1",
            "G-2,NA,2021-05-06,Hotline,NGO,PT Maju; PT Jaya / ;PT Maju,Indonesia,Under review,Labour,0,1",
            "G-3,2021-07-08,,N/A,workers ,Cong Ty Viet,Viet Nam,NA,Labour,NA,0",
            "G-4,2021-09-10,,Letter,Community,Palm Co,Malaysia,Open,Environment,0,0",
            "G-5,2021-11-12,,E-mail,Workers,Türk Tekstil,Turkiye,Closed - resolved,-,1,0",
            "");

    SparkSession spark;
    Map<String, Row> rows;
    IngestResult result;

    @BeforeAll
    void ingest(@TempDir Path tmp) throws IOException {
        spark = SharedSpark.session();
        Path sources =
                Files.createDirectories(tmp.resolve("conf/sources/values")).getParent();
        Files.copy(
                IngestFixtures.confDir().resolve("sources/values/countries.csv"),
                sources.resolve("values/countries.csv"));
        Files.writeString(sources.resolve("grievance_log.yaml"), MAPPING);
        Path input = Files.createDirectories(tmp.resolve("exports/grievances"));
        Files.writeString(input.resolve("export_2021.csv"), EXPORT);
        // a delivery without the column a filter reads: refused, not every row silently left out or kept
        Files.writeString(
                input.resolve("export_2022.csv"),
                "Case ID,Date raised,Company,Country,Recruitment fees,Wage theft,Raised by\nG-9,2022-01-02,X,Thailand,1,0,Workers\n");
        RunContext ctx = IngestFixtures.context(tmp.resolve("lakehouse"), "r-mapping-1");
        IngestJob.Config config = new IngestJob.Config(
                tmp.resolve("exports"),
                SourceMappingLoader.loadAll(sources, IngestFixtures.contracts()),
                IngestFixtures.contracts());
        result = new IngestJob(config, Progress.silent()).run(spark, ctx);
        rows =
                spark
                        .read()
                        .format("delta")
                        .load(ctx.lakehouse().tablePath("bronze.grievance_case"))
                        .collectAsList()
                        .stream()
                        .collect(Collectors.toMap(r -> r.<String>getAs("case_id"), r -> r));
    }

    @Test
    void everyRowLandsWhateverTheFilters() {
        assertThat(rows).containsOnlyKeys("G-1", "G-2", "G-3", "G-4", "G-5");
    }

    @Test
    void aFileWithoutTheColumnAFilterReadsIsRefusedNamingIt() {
        assertThat(result.refused()).singleElement().satisfies(f -> assertThat(f.refusedBecause())
                .contains("missing column 'Scope'")
                .contains("grievance_log.yaml"));
    }

    @Test
    void countryNamesBecomeIsoCodes() {
        assertThat(column("country_code"))
                .containsExactly(
                        pair("G-1", "TH"), pair("G-2", "ID"), pair("G-3", "VN"), pair("G-4", "MY"), pair("G-5", "TR"));
    }

    @Test
    void nullTokensAreNoValueAndTheFallbackColumnFillsIn() {
        assertThat(column("received_at"))
                .containsExactly(
                        pair("G-1", "2021-03-04"),
                        pair("G-2", "2021-05-06"),
                        pair("G-3", "2021-07-08"),
                        pair("G-4", "2021-09-10"),
                        pair("G-5", "2021-11-12"));
        assertThat(rows.get("G-3").<String>getAs("status")).isNull();
        assertThat(rows.get("G-3").<String>getAs("raised_by"))
                .as("'workers ' is looked up trimmed")
                .isEqualTo("workers");
    }

    @Test
    void valueMapsTranslateAndSayWhatTheyDoNotKnow() {
        assertThat(column("status"))
                .containsExactly(
                        pair("G-1", "resolved"),
                        pair("G-2", "open"),
                        pair("G-3", null),
                        pair("G-4", "Open"), // unknown: kept, so refine names it
                        pair("G-5", "resolved"));
        assertThat(column("raised_by"))
                .containsExactly(
                        pair("G-1", "workers"),
                        pair("G-2", "ngo"),
                        pair("G-3", "workers"),
                        pair("G-4", null), // unknown: null
                        pair("G-5", "workers"));
    }

    @Test
    void aMultiValuedCellIsSplitIntoItsPartsOnceEach() {
        assertThat(column("facility_name"))
                .containsExactly(
                        pair("G-1", "Siam Precision"),
                        pair("G-2", "PT Maju|PT Jaya"),
                        pair("G-3", "Cong Ty Viet"),
                        pair("G-4", "Palm Co"),
                        pair("G-5", "Türk Tekstil"));
    }

    @Test
    void aConditionalFlagCountsOnlyWhereItsConditionHolds() {
        assertThat(column("issue_codes"))
                .containsExactly(
                        pair("G-1", "B-FEE;B-WAGE-UNPAID"),
                        pair("G-2", null), // wage theft raised by an NGO: not the workers' own report
                        pair("G-3", null), // NA and 0
                        pair("G-4", null),
                        pair("G-5", "B-FEE"));
    }

    @Test
    void rowsTheFiltersLeaveOutAreMarkedWithTheFilterAndTheirValue() {
        assertThat(column(Lineage.EXCLUDED_BY))
                .containsExactly(
                        pair("G-1", null),
                        pair("G-2", null),
                        pair("G-3", null),
                        pair("G-4", "keep_rows 'Scope' not in [Environment, Land]: is 'Environment'"),
                        pair("G-5", null)); // '-' is a null token: an empty scope is not excluded
        assertThat(rows.get("G-4").<String>getAs(Lineage.RESCUED_DATA))
                .as("the filter's and the condition's columns stay beside the row")
                .contains("\"Scope\":\"Environment\"", "\"Raised via\":\"Letter\"");
    }

    private List<List<String>> column(String name) {
        return rows.keySet().stream()
                .sorted()
                .map(k -> pair(k, rows.get(k).<String>getAs(name)))
                .toList();
    }

    private static List<String> pair(String key, String value) {
        return java.util.Arrays.asList(key, value);
    }
}
