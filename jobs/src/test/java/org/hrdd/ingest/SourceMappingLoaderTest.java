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
                .hasMessageContaining(f.toString())
                .hasMessageContaining("unknown key 'feeds[0].colums'");
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

    private static String facility(String columns) {
        return "system: s\nfeeds:\n  - table: facility\n    files: a.csv\n    format: csv\n" + columns;
    }

    private Path write(String yaml) throws IOException {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, yaml);
        return f;
    }
}
