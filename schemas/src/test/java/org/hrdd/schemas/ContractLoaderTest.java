package org.hrdd.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ContractLoaderTest {

    private static final Path CONTRACT_DIR = Path.of("contracts");

    @Test
    void loadsEveryBronzeTableOfTheFiveSourcesWithLineage() {
        Map<String, Contract> all = ContractLoader.loadAll();
        assertThat(all.keySet())
                .contains(
                        "bronze.helpline_case",
                        "bronze.survey_response",
                        "bronze.survey_question",
                        "bronze.audit",
                        "bronze.audit_finding",
                        "bronze.cap",
                        "bronze.facility",
                        "bronze.brand_facility",
                        "ops.runs");
        for (Contract c : all.values()) {
            if (c.layer().equals("bronze")) {
                assertThat(c.columnNames())
                        .as(c.table())
                        .contains(
                                "_source_system",
                                "_source_file",
                                "_source_row",
                                "_file_sha256",
                                "_run_id",
                                "_ingested_on");
                assertThat(c.primaryKey()).as(c.table()).isNotEmpty();
            }
        }
    }

    @Test
    void helplineCaseMarksIdentifiersAndKeepsTheSourceKey() {
        Contract c = ContractLoader.loadAll().get("bronze.helpline_case");
        assertThat(c.primaryKey()).containsExactly("_source_system", "case_id");
        assertThat(c.require("caller_id").privacyClass()).isEqualTo(PrivacyClass.DIRECT_IDENTIFIER);
        assertThat(c.require("nationality").privacyClass()).isEqualTo(PrivacyClass.SENSITIVE);
        assertThat(c.require("facility_name").privacyClass()).isEqualTo(PrivacyClass.QUASI_IDENTIFIER);
        assertThat(c.require("case_id").required()).isTrue();
        assertThat(c.require("_source_row").physicalType()).isEqualTo("long");
        assertThat(ContractLoader.loadAll()
                        .get("bronze.audit")
                        .require("scheme")
                        .allowedValues())
                .containsExactly("rba_vap", "smeta", "amfori_bsci", "sa8000");
    }

    @Test
    void indexListsExactlyTheContractFiles() throws IOException {
        try (Stream<Path> files = Files.walk(CONTRACT_DIR)) {
            var onDisk = files.filter(p -> p.toString().endsWith(".yaml"))
                    .map(p -> CONTRACT_DIR.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
            assertThat(ContractLoader.indexEntries()).containsExactlyElementsOf(onDisk);
        }
    }

    @Test
    void malformedContractsNameTheFileAndKey() {
        String badType =
                """
                apiVersion: v3.1.0
                kind: DataContract
                id: x
                schema:
                  - name: t
                    physicalName: bronze.t
                    properties:
                      - name: a
                        physicalType: varchar
                        customProperties: [{property: privacyClass, value: none}]
                """;
        assertThatThrownBy(() -> parse("t.yaml", badType))
                .isInstanceOf(ContractException.class)
                .hasMessageContaining("t.yaml")
                .hasMessageContaining("physicalType 'varchar'");

        String noPrivacy = badType.replace("varchar", "string")
                .replace("customProperties: [{property: privacyClass, value: none}]", "required: true");
        assertThatThrownBy(() -> parse("u.yaml", noPrivacy))
                .hasMessageContaining("u.yaml")
                .hasMessageContaining("privacyClass is required");

        String wrongKey = badType.replace("varchar", "string")
                .replace(
                        "physicalName: bronze.t",
                        "physicalName: bronze.t\n    customProperties: [{property: primaryKey, value: [b]}]");
        assertThatThrownBy(() -> parse("v.yaml", wrongKey)).hasMessageContaining("primaryKey column 'b'");

        assertThatThrownBy(() -> parse("w.yaml", "apiVersion: v2.2\nkind: DataContract\n"))
                .hasMessageContaining("w.yaml")
                .hasMessageContaining("'apiVersion' must be v3.1.0");
    }

    @Test
    void partitionColumnsComeInTheirKeyPositionsAndMustBeRequiredAndPublic() {
        String yaml =
                """
                apiVersion: v3.1.0
                kind: DataContract
                id: x
                schema:
                  - name: t
                    physicalName: gold.t
                    properties:
                      - name: a
                        physicalType: string
                        required: true
                        partitioned: true
                        partitionKeyPosition: 2
                        customProperties: [{property: privacyClass, value: none}]
                      - name: b
                        physicalType: string
                        required: true
                        partitioned: true
                        partitionKeyPosition: 1
                        customProperties: [{property: privacyClass, value: none}]
                      - name: c
                        physicalType: long
                        customProperties: [{property: privacyClass, value: none}]
                """;
        assertThat(parse("p.yaml", yaml).partitionColumns()).containsExactly("b", "a");
        assertThat(parse("p.yaml", yaml.replace("partitionKeyPosition: 2", "partitionKeyPosition: 3"))
                        .partitionColumns())
                .containsExactly("b", "a");
        assertThatThrownBy(() -> parse("q.yaml", yaml.replace("partitionKeyPosition: 2", "partitionKeyPosition: 1")))
                .hasMessageContaining("q.yaml")
                .hasMessageContaining("partitionKeyPosition 1 is taken");
        assertThatThrownBy(() -> parse("r.yaml", yaml.replaceFirst("value: none", "value: quasi_identifier")))
                .hasMessageContaining("r.yaml")
                .hasMessageContaining("(a): a partition column must be required");
        assertThat(ContractLoader.loadAll().get("gold.facility_theme_period").partitionColumns())
                .containsExactly("period");
        assertThat(ContractLoader.loadAll().get("silver.worker_signal").partitionColumns())
                .isEmpty();
    }

    private static Contract parse(String name, String yaml) {
        return ContractLoader.parse(name, new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
