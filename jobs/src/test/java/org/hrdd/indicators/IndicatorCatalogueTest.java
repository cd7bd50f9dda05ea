package org.hrdd.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hrdd.config.ConfigException;
import org.hrdd.reports.catalogue.IndicatorCatalogue;
import org.hrdd.testing.SampleLakehouse;
import org.hrdd.testing.SampleWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndicatorCatalogueTest {

    @TempDir
    Path tmp;

    @Test
    void theCatalogueCoversWhatFilingsAskForWithValidReferences() {
        IndicatorCatalogue c = IndicatorCatalogue.load(SampleWorld.conf());
        assertThat(c.indicators()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(c.indicators().stream().map(IndicatorCatalogue.Indicator::id))
                .contains(
                        "wv_facility_coverage",
                        "wv_workers_reached",
                        "grievances_received",
                        "grievances_addressed_share",
                        "grievances_resolved_share",
                        "grievances_resolved_confirmed_share",
                        "grievance_days_to_resolution",
                        "caps_overdue_share",
                        "fees_repaid_eur",
                        "fees_repaid_workers",
                        "audit_blind_spot_rate",
                        "corroboration_rate",
                        "remediation_effectiveness_rate",
                        "facilities_by_risk_tier",
                        "suppliers_without_worker_voice",
                        "audit_findings");
        // every CSDDD article the issue names is served by some indicator
        assertThat(c.indicators().stream().flatMap(i -> i.csddd().stream()).distinct())
                .contains("Art. 8", "Art. 9", "Art. 10", "Art. 11", "Art. 12", "Art. 13", "Art. 14", "Art. 15");
        assertThat(c.get("audit_findings").disaggregations()).contains("theme", "severity");
        assertThat(c.get("wv_facility_coverage").denominator()).isNotBlank();
    }

    @Test
    void anUnknownEsrsDatapointIsAnError() throws Exception {
        Path conf = SampleLakehouse.copyTree(SampleWorld.conf(), tmp.resolve("conf"));
        Path file = conf.resolve(IndicatorCatalogue.FILE_NAME);
        Files.writeString(file, Files.readString(file).replaceFirst("S2-3_10", "S2-3_99"));
        assertThatThrownBy(() -> IndicatorCatalogue.load(conf))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("indicators.yaml")
                .hasMessageContaining("S2-3_99");
    }

    @Test
    void theEsrsListIsTheFullS2List() {
        assertThat(IndicatorCatalogue.esrsDatapoints(SampleWorld.conf().resolve(IndicatorCatalogue.ESRS_FILE)))
                .hasSize(71)
                .containsKeys("S2.SBM-3_04", "S2-4_11", "S2-5_06");
    }
}
