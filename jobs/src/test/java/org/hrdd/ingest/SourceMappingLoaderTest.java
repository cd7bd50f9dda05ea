package org.hrdd.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hrdd.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceMappingLoaderTest {

    @TempDir
    Path dir;

    @Test
    void everyShippedMappingLoadsAgainstTheBronzeContracts() {
        List<SourceMapping> all = IngestFixtures.mappings();
        assertThat(all)
                .extracting(SourceMapping::system)
                .containsExactly(
                        "audit_amfori_bsci",
                        "audit_rba_vap",
                        "audit_sa8000",
                        "audit_smeta",
                        "helpline_ngo_a",
                        "helpline_ngo_b",
                        "remediation_cap_log",
                        "supplier_list",
                        "survey_platform");
        Feed ngoB = IngestFixtures.mapping("helpline_ngo_b").feeds().get(0);
        assertThat(ngoB.table()).isEqualTo("bronze.helpline_case");
        assertThat(ngoB.constants()).containsEntry("taxonomy", "helpline_ngo_b");
        assertThat(ngoB.flagColumns().target()).isEqualTo("issue_codes");
        assertThat(ngoB.flagColumns().columns().keySet()).startsWith("Recruitment Fees", "Passport Held");
        Feed cap = IngestFixtures.mapping("remediation_cap_log").feeds().get(0);
        assertThat(cap.format()).isEqualTo(ExportFormat.XLSX);
        assertThat(cap.sheet()).isEqualTo("CAP Log");
        assertThat(cap.headerRow()).isEqualTo(1);
        assertThat(cap.dateFormats()).containsExactly("yyyy-MM-dd", "dd/MM/yyyy", "excel_serial");
    }

    @Test
    void unknownKeyIsNamedWithItsFile() throws IOException {
        Path f = write("system: s\nfeeds:\n  - table: facility\n    files: a.csv\n    format: csv\n    colums: {}\n");
        assertThatThrownBy(() -> SourceMappingLoader.load(f, IngestFixtures.contracts()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(f + ":6:")
                .hasMessageContaining("unknown key 'feeds[0].colums'");
    }

    /** Every form a column, a flag and a row filter can take, read into the feed as written. */
    @Test
    void fallbackHeadersValueMapsNullTokensFiltersAndConditionalFlags() throws IOException {
        Files.createDirectories(dir.resolve("values"));
        Files.writeString(
                dir.resolve("values/sectors.csv"), "source,sector\nGarments,apparel\n\"Fish, frozen\",seafood\n");
        Path f = write(
                facility(
                        """
                    null_tokens: [NA, "N/A", "-"]
                    columns:
                      facility_id: id
                      facility_name: [Name, "Name (alt)"]
                      country_code: {from: Country, values: countries}
                      sector: {from: [Sector, Industry], values: sectors, unknown: "null"}
                      supplier_id: 2021
                      supplier_name: {from: y, values: {"Acme Ltd": ACME, "acme  LIMITED": ACME}}
                    keep_rows:
                      - {column: Party, in: [Workers, Worker]}
                      - {column: Topic, not_in: [Environment]}
                """));
        Files.createDirectories(dir.resolve("values"));
        Files.copy(
                Path.of(System.getProperty("hrdd.repo.root", ".."), "conf/sources/values/countries.csv"),
                dir.resolve("values/countries.csv"));
        Feed feed =
                SourceMappingLoader.load(f, IngestFixtures.contracts()).feeds().get(0);
        assertThat(feed.nullTokens()).containsExactly("NA", "N/A", "-");
        assertThat(feed.columns().get("facility_name").headers()).containsExactly("Name", "Name (alt)");
        assertThat(feed.columns().get("facility_id").values()).isNull();
        assertThat(feed.headers()).as("a header YAML reads as a number").containsEntry("supplier_id", "2021");
        Feed.ValueMap countries = feed.columns().get("country_code").values();
        assertThat(countries.apply("Indonesia")).isEqualTo("ID");
        assertThat(countries.apply("  viet   NAM ")).isEqualTo("VN");
        assertThat(countries.apply("Turkiye")).isEqualTo("TR"); // accents folded: türkiye
        assertThat(countries.apply("Thaïlande")).isEqualTo("TH");
        assertThat(countries.apply("ไทย")).isEqualTo("TH");
        assertThat(countries.apply("Atlantis")).isEqualTo("Atlantis"); // kept: refine names it
        Feed.ValueMap sectors = feed.columns().get("sector").values();
        assertThat(feed.columns().get("sector").headers()).containsExactly("Sector", "Industry");
        assertThat(sectors.apply("fish, FROZEN")).isEqualTo("seafood");
        assertThat(sectors.apply("Toys")).isNull(); // unknown: null
        assertThat(feed.columns().get("supplier_name").values().apply("ACME LTD"))
                .isEqualTo("ACME");
        assertThat(feed.keepRows())
                .containsExactly(
                        new Feed.RowFilter("Party", List.of("Workers", "Worker"), true),
                        new Feed.RowFilter("Topic", List.of("Environment"), false));
        assertThat(feed.consumedHeaders())
                .contains("Name", "Name (alt)", "Sector", "Industry")
                .doesNotContain("Party");
    }

    @Test
    void conditionalFlagNeedsACodeAndAFilterWithOneList() throws IOException {
        String flags =
                """
                    flag_columns:
                      target: issue_codes
                      true_values: ["1"]
                      columns:
                        Fees: B-FEE
                        Wages: {code: B-WAGE-UNPAID, when: {column: Party, in: [Workers]}}
                """;
        Path ok = write(helpline(flags));
        Feed.FlagColumns parsed = SourceMappingLoader.load(ok, IngestFixtures.contracts())
                .feeds()
                .get(0)
                .flagColumns();
        assertThat(parsed.columns())
                .containsEntry("Fees", new Feed.Flag("B-FEE", null))
                .containsEntry(
                        "Wages", new Feed.Flag("B-WAGE-UNPAID", new Feed.RowFilter("Party", List.of("Workers"), true)));

        Path both = write(helpline(flags.replace("in: [Workers]}", "in: [Workers], not_in: [x]}")));
        assertThatThrownBy(() -> SourceMappingLoader.load(both, IngestFixtures.contracts()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("flag_columns.columns.Wages.when' needs exactly one of 'in' and 'not_in'");
        Path typo = write(helpline(flags.replace("{code: B-WAGE-UNPAID, when:", "{code: B-WAGE-UNPAID, wen:")));
        assertThatThrownBy(() -> SourceMappingLoader.load(typo, IngestFixtures.contracts()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(typo + ":13:")
                .hasMessageContaining("unknown key 'feeds[0].flag_columns.columns.Wages.wen'");
    }

    @Test
    void valueMapMistakesAreNamedWithTheirKey() throws IOException {
        Path missing = write(
                facility(FACILITY_COLUMNS.replace("country_code: c", "country_code: {from: c, values: nations}")));
        assertThatThrownBy(() -> SourceMappingLoader.load(missing, IngestFixtures.contracts()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("feeds[0].columns.country_code.values' names 'nations.csv'");
        Path conflict = write(facility(FACILITY_COLUMNS.replace(
                "sector: s", "sector: {from: s, values: {Garments: apparel, GARMENTS: toys}}")));
        assertThatThrownBy(() -> SourceMappingLoader.load(conflict, IngestFixtures.contracts()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("feeds[0].columns.sector.values")
                .hasMessageContaining("maps to both 'apparel' and 'toys'");
        Path unknown = write(
                facility(FACILITY_COLUMNS.replace("sector: s", "sector: {from: s, values: {a: b}, unknown: drop}")));
        assertThatThrownBy(() -> SourceMappingLoader.load(unknown, IngestFixtures.contracts()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'feeds[0].columns.sector.unknown' must be keep or null");
    }

    private static final String FACILITY_COLUMNS = "    columns: {facility_id: id, facility_name: n, country_code: c,"
            + " sector: s, supplier_id: x, supplier_name: y}\n";

    private static String helpline(String more) {
        return "system: s\nfeeds:\n  - table: helpline_case\n    files: a.csv\n    format: csv\n"
                + "    columns: {case_id: id, received_at: d, channel: ch, facility_name: f}\n"
                + "    constants: {taxonomy: helpline_ngo_b}\n"
                + more;
    }

    @Test
    void mappedColumnAbsentFromTheContractIsNamed() throws IOException {
        Path f = write(facility("    columns: {facility_id: id, facility_name: n, country_code: c, sector: s,"
                + " supplier_id: x, supplier_name: y, facility_colour: colour}\n"));
        assertThatThrownBy(() -> SourceMappingLoader.load(f, IngestFixtures.contracts()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("feeds[0].columns.facility_colour")
                .hasMessageContaining("not in contract bronze.facility");
    }

    @Test
    void requiredContractColumnMustBeMapped() throws IOException {
        Path f = write(facility("    columns: {facility_id: id, facility_name: n}\n"));
        assertThatThrownBy(() -> SourceMappingLoader.load(f, IngestFixtures.contracts()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not map required column 'country_code'");
    }

    @Test
    void lineageColumnsCannotBeMapped() throws IOException {
        Path f = write(facility("    columns: {facility_id: id, facility_name: n, country_code: c, sector: s,"
                + " supplier_id: x, supplier_name: y, _source_row: line}\n"));
        assertThatThrownBy(() -> SourceMappingLoader.load(f, IngestFixtures.contracts()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lineage column '_source_row'");
    }

    @Test
    void unknownFormatIsRejected() throws IOException {
        Path f = write("system: s\nfeeds:\n  - table: facility\n    files: a.csv\n    format: parquet\n");
        assertThatThrownBy(() -> SourceMappingLoader.load(f, IngestFixtures.contracts()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'feeds[0].format' has value 'parquet'");
    }

    /** A grievance log mapped as helpline cases would count every grievance as a worker reached. */
    @Test
    void aSourceIsOneKindOfEvidenceAndItsTablesMustBeOfThatKind() throws IOException {
        String helpline = "feeds:\n  - table: helpline_case\n    files: a.csv\n    format: csv\n    constants:"
                + " {taxonomy: t}\n    columns: {case_id: id, received_at: d, issue_codes: c}\n";
        Path grievanceAsHelpline = write("system: s\nevidence: third_party_grievance\n" + helpline);
        assertThatThrownBy(() -> SourceMappingLoader.load(grievanceAsHelpline, IngestFixtures.contracts()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key 'feeds[0].table' is 'helpline_case', which holds worker_voice rows, but the"
                        + " source declares evidence third_party_grievance (tables [grievance_case]): a third-party"
                        + " grievance is not a worker reached");
        Path unknown = write("system: s\nevidence: rumours\n" + helpline);
        assertThatThrownBy(() -> SourceMappingLoader.load(unknown, IngestFixtures.contracts()))
                .hasMessageContaining("key 'evidence' must be one of worker_voice, third_party_grievance, audit,"
                        + " supplier_master, remediation, is 'rumours'");
        assertThat(SourceMappingLoader.load(write("system: s\n" + helpline), IngestFixtures.contracts())
                        .evidence())
                .as("implied by the table")
                .isEqualTo(SourceMapping.Evidence.WORKER_VOICE);
        assertThat(IngestFixtures.mappings())
                .extracting(m -> m.system() + ":" + m.evidence().code())
                .contains(
                        "helpline_ngo_a:worker_voice",
                        "survey_platform:worker_voice",
                        "audit_smeta:audit",
                        "supplier_list:supplier_master",
                        "remediation_cap_log:remediation");
    }

    @Test
    void splitPartialDatesAndEmptyListItemsAreRefusedWhereTheyDoNotApply() throws IOException {
        String grievance = "system: s\nfeeds:\n  - table: grievance_case\n    files: a.csv\n    format: csv\n"
                + "    constants: {taxonomy: t}\n";
        Path splitCountry = write(
                grievance
                        + "    columns: {case_id: id, received_at: d, facility_name: f, country_code: {from: c, split: [\";\"]}}\n");
        assertThatThrownBy(() -> SourceMappingLoader.load(splitCountry, IngestFixtures.contracts()))
                .hasMessageContaining("key 'feeds[0].columns.country_code.split' applies only to a column that holds"
                        + " several values (bronze.grievance_case.facility_name)");
        Path partialHelpline = write("system: s\nfeeds:\n  - table: helpline_case\n    files: a.csv\n    format: csv\n"
                + "    date_formats: [yyyy-MM-dd, yyyy-MM-00]\n    constants: {taxonomy: t}\n"
                + "    columns: {case_id: id, received_at: d, issue_codes: c}\n");
        assertThatThrownBy(() -> SourceMappingLoader.load(partialHelpline, IngestFixtures.contracts()))
                .hasMessageContaining("key 'feeds[0].date_formats' lists 'yyyy-MM-00', a date without a day, which only"
                        + " [bronze.grievance_case] keeps with its precision");
        Path tilde = write(
                grievance + "    null_tokens: [NA, ~]\n    columns: {case_id: id, received_at: d, facility_name: f}\n");
        assertThatThrownBy(() -> SourceMappingLoader.load(tilde, IngestFixtures.contracts()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key 'feeds[0].null_tokens[1]' is empty (~ or a blank item)");
        Path ok = write(grievance + "    date_formats: [yyyy-MM-dd, yyyy-MM-00, yyyy]\n"
                + "    columns: {case_id: id, received_at: d, facility_name: {from: f, split: [\";\", \" & \"]}}\n");
        Feed feed =
                SourceMappingLoader.load(ok, IngestFixtures.contracts()).feeds().get(0);
        assertThat(feed.columns().get("facility_name").split()).containsExactly(";", " & ");
        assertThat(feed.dateFormats()).containsExactly("yyyy-MM-dd", "yyyy-MM-00", "yyyy");
    }

    private static String facility(String columns) {
        return "system: s\nfeeds:\n  - table: facility\n    files: a.csv\n    format: csv\n" + columns;
    }

    private Path write(String yaml) throws IOException {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, yaml);
        return f;
    }
}
