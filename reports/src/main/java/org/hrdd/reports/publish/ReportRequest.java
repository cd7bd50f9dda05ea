package org.hrdd.reports.publish;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code hrdd report} publishes: one brand, one period (its label and dates, parsed by the caller with the
 * configured granularity), the indicator catalogue (the conf's {@code files.indicators}), the risk model version whose
 * scores it shows and what the report says about it ({@link Model}), the disclosure threshold k and the output
 * directory. Immutable; no wall-clock time: the report says what the lakehouse held, not when it was printed.
 */
public record ReportRequest(
        Path lakehouse,
        Path confDir,
        Path indicatorsFile,
        String brandId,
        String period,
        LocalDate periodStart,
        LocalDate periodEnd,
        String modelVersion,
        int k,
        int minWorkersReached,
        Path outDir,
        Model model,
        String scopeType) {

    /** The scope of a brand's report ({@code brandId} the brand) and of the company's ({@code brandId} {@link #ALL}). */
    public static final String BRAND = "brand";

    public static final String COMPANY = "company";
    public static final String ALL = "all";

    /** Whether this is the company's report (every facility, brands compared). */
    public boolean company() {
        return COMPANY.equals(scopeType);
    }

    /**
     * What the report states about the risk model and the taxonomy: the lowest score of each tier (critical, high,
     * medium; below is low), the first period of the score's history window (worker reports that old still count),
     * the theme names of the canonical taxonomy.
     */
    public record Model(Map<String, Double> tierFloors, String historyFrom, Map<String, String> themeNames) {
        public Model {
            tierFloors = Map.copyOf(tierFloors);
            Objects.requireNonNull(historyFrom, "historyFrom");
            themeNames = Map.copyOf(themeNames);
        }
    }

    public ReportRequest {
        Objects.requireNonNull(lakehouse, "lakehouse");
        Objects.requireNonNull(confDir, "confDir");
        Objects.requireNonNull(indicatorsFile, "indicatorsFile");
        Objects.requireNonNull(brandId, "brandId");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(model, "model");
        if (!BRAND.equals(scopeType) && !COMPANY.equals(scopeType)) {
            throw new IllegalArgumentException("scope type must be brand or company, is " + scopeType);
        }
        if (COMPANY.equals(scopeType) && !ALL.equals(brandId)) {
            throw new IllegalArgumentException("the company's report has scope id " + ALL);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (periodEnd.isBefore(periodStart)) {
            throw new IllegalArgumentException("period " + period + " ends before it starts");
        }
    }
}
