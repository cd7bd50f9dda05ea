package org.hrdd.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.reports.catalogue.IndicatorCatalogue;
import org.hrdd.schemas.Columns.GoldIndicatorValue;
import org.hrdd.schemas.Columns.SilverAudit;
import org.hrdd.schemas.Columns.SilverBrandFacility;
import org.hrdd.schemas.Columns.SilverFacility;
import org.hrdd.schemas.Columns.SilverWorkerReach;
import org.hrdd.schemas.Columns.SilverWorkerSignal;
import org.hrdd.spark.SharedSpark;
import org.hrdd.testing.SampleLakehouse;
import org.hrdd.time.Periods;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** gold.indicator_value on the sample world: values recomputed independently from silver, brand scoping, k. */
class IndicatorsSampleTest {

    static final String P = SampleLakehouse.LAST_PERIOD;
    static SparkSession spark;
    static Dataset<Row> values;
    static IndicatorsJob.Config config;

    @BeforeAll
    static void compute() {
        spark = SharedSpark.session();
        config = IndicatorsJob.Config.of(SampleLakehouse.config());
        SampleLakehouse.indicators();
        values = spark.read().format("delta").load(SampleLakehouse.table(GoldIndicatorValue.TABLE))
                .filter(col(GoldIndicatorValue.PERIOD).equalTo(P)).cache();
    }

    /** The cached values go with this class: later classes share the session, and its cache lookups. */
    @AfterAll
    static void release() {
        if (values != null) {
            values.unpersist();
        }
    }

    static Dataset<Row> silver(String table) {
        return spark.read().format("delta").load(SampleLakehouse.table(table));
    }

    static Row total(String indicator, String scopeType, String scopeId) {
        return values.filter(col(GoldIndicatorValue.INDICATOR_ID).equalTo(indicator)
                .and(col(GoldIndicatorValue.SCOPE_TYPE).equalTo(scopeType)).and(col(GoldIndicatorValue.SCOPE_ID).equalTo(scopeId))
                .and(col(GoldIndicatorValue.DIMENSION).equalTo("total"))).first();
    }

    /** Facilities linked to a brand at any time in the period, computed here from silver. */
    static List<String> linked(String brand) {
        Periods.Period p = Periods.parse(P, config.granularity());
        return silver(SilverBrandFacility.TABLE).filter(col(SilverBrandFacility.BRAND_ID).equalTo(brand)
                        .and(col(SilverBrandFacility.VALID_FROM).leq(lit(Date.valueOf(p.end()))))
                        .and(col(SilverBrandFacility.VALID_TO).isNull().or(col(SilverBrandFacility.VALID_TO)
                                .geq(lit(Date.valueOf(p.start()))))))
                .select(SilverBrandFacility.FACILITY_ID).distinct().collectAsList().stream().map(r -> r.getString(0))
                .collect(Collectors.toList());
    }

    @Test
    void everyCatalogueIndicatorHasACompanyTotal() {
        for (IndicatorCatalogue.Indicator i : config.catalogue().indicators()) {
            assertThat(total(i.id(), "company", "all")).as(i.id()).isNotNull();
        }
    }

    @Test
    void companyValuesEqualWhatSilverSays() {
        Dataset<Row> reach = silver(SilverWorkerReach.TABLE).filter(col(SilverWorkerReach.PERIOD).equalTo(P));
        long reached = reach.agg(sum(SilverWorkerReach.WORKERS_REACHED)).first().getLong(0);
        assertThat(total("wv_workers_reached", "company", "all").<Double>getAs(GoldIndicatorValue.VALUE))
                .isEqualTo((double) reached);
        long facilities = silver(SilverFacility.TABLE).count();
        long audited = silver(SilverAudit.TABLE).filter(col(SilverAudit.PERIOD).equalTo(P))
                .select(SilverAudit.FACILITY_ID).distinct().count();
        Row share = total("facilities_audited_share", "company", "all");
        assertThat(share.<Double>getAs(GoldIndicatorValue.NUMERATOR)).isEqualTo((double) audited);
        assertThat(share.<Double>getAs(GoldIndicatorValue.DENOMINATOR)).isEqualTo((double) facilities);
        assertThat(share.<Double>getAs(GoldIndicatorValue.VALUE)).isCloseTo((double) audited / facilities, within(1e-12));
        long reporting = silver(SilverWorkerSignal.TABLE).filter(col(SilverWorkerSignal.PERIOD).equalTo(P)
                .and(col(SilverWorkerSignal.CONSENT_AGGREGATE))).agg(countDistinct(SilverWorkerSignal.WORKER_PSEUDONYM))
                .first().getLong(0);
        assertThat(total("workers_reporting", "company", "all").<Double>getAs(GoldIndicatorValue.VALUE))
                .isEqualTo((double) reporting);
        // the facility shares by tier add up to one
        double tiers = values.filter(col(GoldIndicatorValue.INDICATOR_ID).equalTo("facilities_by_risk_tier")
                        .and(col(GoldIndicatorValue.SCOPE_TYPE).equalTo("company")).and(col(GoldIndicatorValue.DIMENSION).equalTo("tier")))
                .agg(sum(GoldIndicatorValue.VALUE)).first().getDouble(0);
        assertThat(tiers).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void aBrandsValuesUseOnlyTheFacilitiesLinkedToIt() {
        List<String> brands = silver(SilverBrandFacility.TABLE).select(SilverBrandFacility.BRAND_ID).distinct()
                .orderBy(SilverBrandFacility.BRAND_ID).collectAsList().stream().map(r -> r.getString(0)).toList();
        assertThat(brands).hasSizeGreaterThanOrEqualTo(2);
        for (String brand : brands.subList(0, 2)) {
            List<String> mine = linked(brand);
            long reached = silver(SilverWorkerReach.TABLE).filter(col(SilverWorkerReach.PERIOD).equalTo(P)
                            .and(col(SilverWorkerReach.FACILITY_ID).isin(mine.toArray())))
                    .agg(sum(SilverWorkerReach.WORKERS_REACHED)).first().getLong(0);
            Row r = total("wv_workers_reached", "brand", brand);
            if (r.getBoolean(r.fieldIndex(GoldIndicatorValue.IS_SUPPRESSED))) {
                assertThat(reached).isLessThan(config.k());
            } else {
                assertThat(r.<Double>getAs(GoldIndicatorValue.VALUE)).as(brand).isEqualTo((double) reached);
            }
            Row coverage = total("wv_facility_coverage", "brand", brand);
            assertThat(coverage.<Double>getAs(GoldIndicatorValue.DENOMINATOR)).isEqualTo((double) mine.size());
        }
    }

    @Test
    void noPublishedWorkerCellRestsOnFewerThanKWorkersNorCanBeRecoveredFromItsTotal() {
        Map<String, Boolean> workerBased = config.catalogue().indicators().stream()
                .collect(Collectors.toMap(IndicatorCatalogue.Indicator::id, IndicatorCatalogue.Indicator::workerBased));
        List<Row> rows = values.collectAsList();
        for (Row r : rows) {
            if (workerBased.get(r.<String>getAs(GoldIndicatorValue.INDICATOR_ID)) && !r.<Boolean>getAs(GoldIndicatorValue.IS_SUPPRESSED)) {
                long w = r.<Long>getAs(GoldIndicatorValue.WORKERS);
                assertThat(w == 0 || w >= config.k()).as(r.toString()).isTrue();
            }
            if (r.<Boolean>getAs(GoldIndicatorValue.IS_SUPPRESSED)) {
                assertThat(r.isNullAt(r.fieldIndex(GoldIndicatorValue.VALUE))).isTrue();
                assertThat(r.isNullAt(r.fieldIndex(GoldIndicatorValue.WORKERS))).isTrue();
            }
        }
        assertThat(rows.stream().filter(r -> r.<Boolean>getAs(GoldIndicatorValue.IS_SUPPRESSED))).isNotEmpty();
        // per indicator x scope x breakdown: the cells and the total never hide exactly one value
        Map<String, List<Row>> groups = rows.stream().filter(r -> workerBased.get(r.<String>getAs(GoldIndicatorValue.INDICATOR_ID)))
                .collect(Collectors.groupingBy(r -> r.getAs(GoldIndicatorValue.INDICATOR_ID) + "|"
                        + r.getAs(GoldIndicatorValue.SCOPE_TYPE) + "|" + r.getAs(GoldIndicatorValue.SCOPE_ID)));
        for (Map.Entry<String, List<Row>> g : groups.entrySet()) {
            boolean totalHidden = g.getValue().stream().anyMatch(r -> "total".equals(r.getAs(GoldIndicatorValue.DIMENSION))
                    && r.<Boolean>getAs(GoldIndicatorValue.IS_SUPPRESSED));
            Map<String, Long> hiddenByDimension = g.getValue().stream()
                    .filter(r -> !"total".equals(r.getAs(GoldIndicatorValue.DIMENSION)))
                    .collect(Collectors.groupingBy(r -> r.getAs(GoldIndicatorValue.DIMENSION),
                            Collectors.summingLong(r -> r.<Boolean>getAs(GoldIndicatorValue.IS_SUPPRESSED) ? 1 : 0)));
            hiddenByDimension.forEach((d, hidden) -> assertThat(hidden + (totalHidden ? 1 : 0))
                    .as(g.getKey() + " by " + d).isNotEqualTo(1));
        }
    }
}
