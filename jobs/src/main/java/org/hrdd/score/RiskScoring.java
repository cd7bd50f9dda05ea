package org.hrdd.score;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hrdd.analyse.RemediationVerdict;
import org.hrdd.analyse.SchemeAgreement;
import org.hrdd.analyse.ThemePriors;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.schemas.Columns.GoldRemediationEffectiveness;
import org.hrdd.schemas.Columns.GoldRiskScore;
import org.hrdd.schemas.Columns.GoldRiskTheme;
import org.hrdd.schemas.Columns.GoldSchemeAgreement;
import org.hrdd.schemas.Columns.SilverFacility;
import org.hrdd.spark.Joins;

/**
 * The risk score's transformations, Dataset → Dataset, applying {@link CellRisk} per facility × theme (over its
 * history) and {@link FacilityScore} per facility and supplier. No I/O: {@link ScoreJob} reads and writes.
 */
public final class RiskScoring implements Serializable {

    /** Which evidence the model may use: the full model, or the baselines the evaluation compares it with. */
    public enum Mode {
        /** Everything. */
        FULL,
        /** No worker voice: no worker reports, no peer calibration from them, no worker remediation verdicts. */
        AUDIT_ONLY,
        /** The published inherent prior alone. */
        PRIOR_ONLY
    }

    /** Audit detection and false-positive rate of a scheme × theme as of a period, already shrunk. */
    record SchemeRates(double sensitivity, double falsePositiveRate) implements Serializable {}

    private final RiskModel model;
    private final InherentRisk inherent;
    private final ThemePriors priors;
    private final int minWorkers;
    private final List<String> periods;
    private final Mode mode;
    /** Position in {@link #periods} of the first period that gets score rows (earlier ones are history only). */
    private final int firstScored;

    /**
     * @param periods every period to score, oldest first, consecutive (the history is counted in positions)
     */
    public RiskScoring(
            RiskModel model,
            InherentRisk inherent,
            ThemePriors priors,
            int minWorkers,
            List<String> periods,
            Mode mode) {
        this(model, inherent, priors, minWorkers, periods, mode, 0);
    }

    /**
     * As above, with score rows only for the periods from position {@code firstScored} on; the earlier ones are read
     * as the cells' history. A period's cell risk reads its history, and its trend the period before it, so scoring
     * the last period alone needs {@code firstScored = periods.size() - 2}: the second-last period's rows then lack
     * their own trend (their previous period is not scored) and are not to be written.
     */
    public RiskScoring(
            RiskModel model,
            InherentRisk inherent,
            ThemePriors priors,
            int minWorkers,
            List<String> periods,
            Mode mode,
            int firstScored) {
        this.model = model;
        this.inherent = inherent;
        this.priors = priors;
        this.minWorkers = minWorkers;
        this.periods = List.copyOf(periods);
        this.mode = mode;
        if (firstScored < 0 || firstScored >= Math.max(1, periods.size())) {
            throw new IllegalArgumentException(
                    "first scored position " + firstScored + " of " + periods.size() + " periods");
        }
        this.firstScored = firstScored;
    }

    // ---------------------------------------------------------------- inputs per cell

    static final String HEADCOUNT = "_headcount";
    static final String NOT_EFFECTIVE = "_not_effective";
    static final String EFFECTIVE = "_effective";

    /** The analysis cells of the scored periods with what scoring adds: worker verdicts on remediation, headcount. */
    public Dataset<Row> cellInputs(Dataset<Row> cells, Dataset<Row> verdicts, Dataset<Row> facilities) {
        Dataset<Row> scoped = cells.filter(col(GoldFacilityThemePeriod.PERIOD).isin(periods.toArray()));
        if (!java.util.Arrays.asList(scoped.columns()).contains(GoldFacilityThemePeriod.HELPLINE_FACTOR)) {
            // analysed before the column existed: the configured starting factor is used
            scoped = scoped.withColumn(
                    GoldFacilityThemePeriod.HELPLINE_FACTOR, lit(null).cast("double"));
        }
        Dataset<Row> remediation = verdicts.groupBy(
                        col(GoldRemediationEffectiveness.FACILITY_ID),
                        col(GoldRemediationEffectiveness.THEME),
                        col(GoldRemediationEffectiveness.PERIOD))
                .agg(
                        max(col(GoldRemediationEffectiveness.EFFECTIVENESS_STATUS)
                                        .equalTo(RemediationVerdict.NOT_EFFECTIVE))
                                .as(NOT_EFFECTIVE),
                        max(col(GoldRemediationEffectiveness.EFFECTIVENESS_STATUS)
                                        .isin(RemediationVerdict.EFFECTIVE, RemediationVerdict.VERIFIED_BY_WORKERS))
                                .as(EFFECTIVE));
        Dataset<Row> headcount = facilities.select(
                col(SilverFacility.FACILITY_ID),
                coalesce(col(SilverFacility.HEADCOUNT).cast("long"), lit(0L)).as(HEADCOUNT));
        return Joins.left(
                        Joins.left(
                                scoped,
                                remediation,
                                GoldFacilityThemePeriod.FACILITY_ID,
                                GoldFacilityThemePeriod.THEME,
                                GoldFacilityThemePeriod.PERIOD),
                        headcount,
                        GoldFacilityThemePeriod.FACILITY_ID)
                .withColumn(NOT_EFFECTIVE, coalesce(col(NOT_EFFECTIVE), lit(false)))
                .withColumn(EFFECTIVE, coalesce(col(EFFECTIVE), lit(false)))
                .withColumn(HEADCOUNT, coalesce(col(HEADCOUNT), lit(0L)));
    }

    /**
     * Detection and false-positive rates per period × scheme × theme (history scope of gold.scheme_agreement), shrunk
     * towards the model's defaults with {@code audit.prior_cells} pseudo-cells. Small: collected to the driver.
     */
    public Map<String, SchemeRates> schemeRates(Dataset<Row> agreement) {
        RiskModel.Audit a = model.audit();
        Map<String, SchemeRates> out = new HashMap<>();
        for (Row r : agreement
                .filter(col(GoldSchemeAgreement.SCOPE).equalTo(SchemeAgreement.HISTORY))
                .select(
                        col(GoldSchemeAgreement.PERIOD),
                        col(GoldSchemeAgreement.SCHEME),
                        col(GoldSchemeAgreement.THEME),
                        col(GoldSchemeAgreement.DETECTION_RATE),
                        col(GoldSchemeAgreement.CELLS_REFERENCE),
                        col(GoldSchemeAgreement.AUDIT_FALSE_POSITIVE_RATE),
                        col(GoldSchemeAgreement.CELLS))
                .collectAsList()) {
            double s = shrink(
                    r.isNullAt(3) ? null : r.getDouble(3),
                    r.isNullAt(4) ? 0 : r.getLong(4),
                    a.defaultSensitivity(),
                    a.priorCells());
            double f = shrink(
                    r.isNullAt(5) ? null : r.getDouble(5),
                    r.isNullAt(6) ? 0 : r.getLong(6),
                    a.defaultFalsePositiveRate(),
                    a.priorCells());
            out.put(key(r.getString(0), r.getString(1), r.getString(2)), new SchemeRates(s, Math.min(f, s)));
        }
        return out;
    }

    static double shrink(Double rate, long cells, double prior, double priorCells) {
        if (rate == null || Double.isNaN(rate) || cells <= 0) {
            return prior;
        }
        return (rate * cells + prior * priorCells) / (cells + priorCells);
    }

    private static String key(String... parts) {
        return String.join("\u0001", parts);
    }

    // ---------------------------------------------------------------- themes

    static final StructType THEME_SCHEMA = new StructType()
            .add(GoldRiskTheme.FACILITY_ID, DataTypes.StringType)
            .add(GoldRiskTheme.THEME, DataTypes.StringType)
            .add(GoldRiskTheme.PERIOD, DataTypes.StringType)
            .add(GoldRiskTheme.COUNTRY_CODE, DataTypes.StringType)
            .add(GoldRiskTheme.SECTOR, DataTypes.StringType)
            .add(GoldRiskTheme.SUPPLIER_ID, DataTypes.StringType)
            .add(HEADCOUNT, DataTypes.LongType)
            .add(GoldRiskTheme.INHERENT_INDEX, DataTypes.IntegerType)
            .add(GoldRiskTheme.PRIOR_PUBLISHED, DataTypes.DoubleType)
            .add(GoldRiskTheme.PEER_FACILITIES, DataTypes.LongType)
            .add(GoldRiskTheme.PRIOR_MEAN, DataTypes.DoubleType)
            .add(GoldRiskTheme.EFFECTIVE_WORKERS, DataTypes.DoubleType)
            .add(GoldRiskTheme.IS_AUDITED, DataTypes.BooleanType)
            .add(GoldRiskTheme.IS_AUDIT_FLAGGED, DataTypes.BooleanType)
            .add(GoldRiskTheme.AUDIT_SENSITIVITY, DataTypes.DoubleType)
            .add(GoldRiskTheme.LIKELIHOOD_PRIOR, DataTypes.DoubleType)
            .add(GoldRiskTheme.LIKELIHOOD_WORKER_VOICE, DataTypes.DoubleType)
            .add(GoldRiskTheme.LIKELIHOOD_AUDIT, DataTypes.DoubleType)
            .add(GoldRiskTheme.LIKELIHOOD_REMEDIATION, DataTypes.DoubleType)
            .add(GoldRiskTheme.LIKELIHOOD_THIRD_PARTY_GRIEVANCE, DataTypes.DoubleType)
            .add(GoldRiskTheme.LIKELIHOOD_COVERAGE_GAP, DataTypes.DoubleType)
            .add(GoldRiskTheme.LIKELIHOOD, DataTypes.DoubleType)
            .add(GoldRiskTheme.LIKELIHOOD_SD, DataTypes.DoubleType)
            .add(GoldRiskTheme.PROB_HIGH_RISK, DataTypes.DoubleType)
            .add(GoldRiskTheme.SEVERITY_BASE, DataTypes.DoubleType)
            .add(GoldRiskTheme.HAS_CRITICAL_FINDING, DataTypes.BooleanType)
            .add(GoldRiskTheme.IS_REPEAT, DataTypes.BooleanType)
            .add(GoldRiskTheme.SEVERITY, DataTypes.DoubleType)
            .add(GoldRiskTheme.CONFIDENCE, DataTypes.DoubleType);

    /** One row per facility × theme × scored period: {@link CellRisk} over the cell's history. */
    public Dataset<Row> themes(Dataset<Row> inputs, Map<String, SchemeRates> rates) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < periods.size(); i++) {
            position.put(periods.get(i), i);
        }
        Map<Group, double[]> groups = mode == Mode.FULL ? coveredGroups(inputs) : Map.of();
        Map<String, Double> shifts = calibration(groups);
        MapFunction<Row, String> byCell = r -> r.<String>getAs(GoldFacilityThemePeriod.FACILITY_ID)
                + '\u0001'
                + r.<String>getAs(GoldFacilityThemePeriod.THEME);
        FlatMapGroupsFunction<String, Row, Row> score =
                (k, rows) -> scoreCell(rows, position, rates, groups, shifts).iterator();
        return inputs.groupByKey(byCell, Encoders.STRING()).flatMapGroups(score, Encoders.row(THEME_SCHEMA));
    }

    /** A covered cell: enough workers reached for its prevalence estimate to calibrate priors. */
    private Column covered() {
        return col(GoldFacilityThemePeriod.WORKERS_REACHED)
                .geq(minWorkers)
                .and(col(GoldFacilityThemePeriod.PREVALENCE_ESTIMATE).isNotNull());
    }

    private boolean covered(Row r) {
        return longOf(r, GoldFacilityThemePeriod.WORKERS_REACHED) >= minWorkers
                && r.getAs(GoldFacilityThemePeriod.PREVALENCE_ESTIMATE) != null;
    }

    /** A theme × period × country × sector: the group covered cells calibrate priors in. */
    record Group(String theme, String period, String country, String sector) implements Serializable {}

    /**
     * The covered cells' prevalence estimates per {@link Group}: {sum, count}. Small (groups × themes × periods):
     * collected once, for the portfolio calibration and the peers of every cell.
     */
    Map<Group, double[]> coveredGroups(Dataset<Row> inputs) {
        Map<Group, double[]> out = new HashMap<>();
        for (Row g : inputs.filter(covered())
                .groupBy(
                        col(GoldFacilityThemePeriod.THEME),
                        col(GoldFacilityThemePeriod.PERIOD),
                        col(GoldFacilityThemePeriod.COUNTRY_CODE),
                        col(GoldFacilityThemePeriod.SECTOR))
                .agg(sum(col(GoldFacilityThemePeriod.PREVALENCE_ESTIMATE)), count(lit(1)))
                .collectAsList()) {
            out.put(
                    new Group(g.getString(0), g.getString(1), g.getString(2), g.getString(3)),
                    new double[] {g.getDouble(4), g.getLong(5)});
        }
        return out;
    }

    /**
     * Portfolio calibration of the published prior's level, per theme × period (key {@code theme, period}): the
     * logit shift that moves the published means to the covered cells' prevalence estimates. Per country × sector
     * group, {@code logit(mean estimate) − logit(published mean)}, averaged with the groups' cell counts as weights and
     * shrunk by {@code n / (n + prior.calibration_cells)}.
     */
    Map<String, Double> calibration(Map<Group, double[]> groups) {
        Map<String, double[]> gaps = new HashMap<>();
        groups.forEach((k, g) -> {
            double n = g[1];
            double published = inherent.priorMean(k.country(), k.sector(), k.theme());
            double[] acc = gaps.computeIfAbsent(key(k.theme(), k.period()), x -> new double[2]);
            acc[0] += n * (clampedLogit(g[0] / n) - clampedLogit(published));
            acc[1] += n;
        });
        Map<String, Double> out = new HashMap<>();
        // mean gap acc[0] / acc[1], shrunk by acc[1] / (acc[1] + calibration_cells)
        gaps.forEach((k, acc) -> out.put(k, acc[0] / (acc[1] + model.prior().calibrationCells())));
        return out;
    }

    /**
     * The peers behind a cell's prior: the covered cells of other facilities of its country × sector over the
     * history window, each period's weighted by {@code decay^age} like the cell's own reports (a country × sector's
     * level persists; with a fifth of facilities covered, one period's peers are too few to calibrate on).
     *
     * @param sum weighted sum of the peers' prevalence estimates; {@code weight} the weighted number of peers
     * @param cells peer cells in the window, unweighted (published as peer_facilities)
     */
    record Peers(double sum, double weight, long cells) {
        static final Peers NONE = new Peers(0, 0, 0);

        /** {@code (peer_strength · calibrated + sum) / (peer_strength + weight)}; the calibrated mean without peers. */
        double prior(double calibrated, double peerStrength) {
            return weight > 0 ? (peerStrength * calibrated + sum) / (peerStrength + weight) : calibrated;
        }

        /**
         * @param group per history position, the group's covered {sum, count} (null: none covered)
         * @param own per history position, the cell's own estimate when it was covered (NaN otherwise): left out
         * @param at the position scored
         */
        static Peers of(double[][] group, double[] own, int at, int window, double decay) {
            double sum = 0;
            double weight = 0;
            long cells = 0;
            for (int j = Math.max(0, at - window); j <= at; j++) {
                if (group[j] == null) {
                    continue;
                }
                boolean self = !Double.isNaN(own[j]);
                double n = group[j][1] - (self ? 1 : 0);
                if (n <= 0) {
                    continue;
                }
                double w = Math.pow(decay, at - j);
                sum += w * (group[j][0] - (self ? own[j] : 0));
                weight += w * n;
                cells += Math.round(n);
            }
            return cells == 0 ? NONE : new Peers(sum, weight, cells);
        }
    }

    private static double clampedLogit(double p) {
        return CellRisk.logit(Math.min(Math.max(p, CALIBRATION_CLAMP), 1 - CALIBRATION_CLAMP));
    }

    private static final double CALIBRATION_CLAMP = 0.005;

    List<Row> scoreCell(
            Iterator<Row> rows,
            Map<String, Integer> position,
            Map<String, SchemeRates> rates,
            Map<Group, double[]> groups,
            Map<String, Double> shifts) {
        Row[] byPosition = new Row[periods.size()];
        while (rows.hasNext()) {
            Row r = rows.next();
            byPosition[position.get(r.<String>getAs(GoldFacilityThemePeriod.PERIOD))] = r;
        }
        List<Row> out = new ArrayList<>();
        RiskModel.History h = model.history();
        double[][] group = new double[periods.size()][];
        double[] own = new double[periods.size()];
        if (mode == Mode.FULL) {
            Row any = java.util.Arrays.stream(byPosition)
                    .filter(java.util.Objects::nonNull)
                    .findFirst()
                    .orElseThrow();
            String theme = any.getAs(GoldFacilityThemePeriod.THEME);
            String country = any.getAs(GoldFacilityThemePeriod.COUNTRY_CODE);
            String sector = any.getAs(GoldFacilityThemePeriod.SECTOR);
            for (int j = 0; j < periods.size(); j++) {
                group[j] = groups.get(new Group(theme, periods.get(j), country, sector));
                own[j] = byPosition[j] != null && covered(byPosition[j])
                        ? byPosition[j].<Double>getAs(GoldFacilityThemePeriod.PREVALENCE_ESTIMATE)
                        : Double.NaN;
            }
        }
        for (int i = firstScored; i < byPosition.length; i++) {
            Row r = byPosition[i];
            if (r == null) {
                continue;
            }
            String theme = r.getAs(GoldFacilityThemePeriod.THEME);
            String country = r.getAs(GoldFacilityThemePeriod.COUNTRY_CODE);
            String sector = r.getAs(GoldFacilityThemePeriod.SECTOR);
            ThemePriors.Theme tp = priors.theme(theme);
            List<CellRisk.Observation> workers = new ArrayList<>();
            boolean earlierFlag = false;
            double thirdParty = 0;
            for (int j = Math.max(0, i - h.periods()); j <= i; j++) {
                Row past = byPosition[j];
                if (past == null) {
                    continue;
                }
                if (mode != Mode.PRIOR_ONLY) {
                    thirdParty +=
                            Math.pow(h.decay(), i - j) * longOf(past, GoldFacilityThemePeriod.THIRD_PARTY_GRIEVANCES);
                }
                if (j < i && flagged(past)) {
                    earlierFlag = true;
                }
                if (mode == Mode.FULL) {
                    workers.add(new CellRisk.Observation(
                            longOf(past, GoldFacilityThemePeriod.WORKERS_REACHED_HELPLINE),
                            longOf(past, GoldFacilityThemePeriod.WORKERS_REPORTING_HELPLINE),
                            longOf(past, GoldFacilityThemePeriod.WORKERS_REACHED_SURVEY),
                            longOf(past, GoldFacilityThemePeriod.WORKERS_REPORTING_SURVEY),
                            doubleOf(past, GoldFacilityThemePeriod.HELPLINE_FACTOR, priors.helplineRelativeReporting()),
                            Math.pow(h.decay(), i - j)));
                }
            }
            double published = inherent.priorMean(country, sector, theme);
            double shift = shifts.getOrDefault(key(theme, periods.get(i)), 0.0);
            double calibrated = CellRisk.logistic(CellRisk.logit(published) + shift);
            Peers peers = mode == Mode.FULL ? Peers.of(group, own, i, h.periods(), h.decay()) : Peers.NONE;
            double prior = peers.prior(calibrated, model.prior().peerStrength());
            boolean audited = mode != Mode.PRIOR_ONLY && longOf(r, GoldFacilityThemePeriod.AUDITS_IN_WINDOW) > 0;
            boolean auditFlag = audited && Boolean.TRUE.equals(r.getAs(GoldFacilityThemePeriod.IS_AUDIT_FLAGGED));
            Double sensitivity = null;
            double falsePositive = model.audit().defaultFalsePositiveRate();
            if (audited) {
                double[] sf = auditRates(r, theme, rates);
                sensitivity = sf[0];
                falsePositive = sf[1];
            }
            boolean critical = audited && longOf(r, GoldFacilityThemePeriod.FINDINGS_CRITICAL) > 0;
            boolean overdue = mode != Mode.PRIOR_ONLY && longOf(r, GoldFacilityThemePeriod.CAPS_OVERDUE) > 0;
            boolean verdicts = mode == Mode.FULL;
            boolean flaggedNow = mode == Mode.PRIOR_ONLY ? false : mode == Mode.FULL ? flagged(r) : auditFlag;
            boolean repeat = flaggedNow && earlierFlag && mode != Mode.PRIOR_ONLY;
            long headcount = r.<Long>getAs(HEADCOUNT);
            CellRisk.Evidence e = new CellRisk.Evidence(
                    theme,
                    prior,
                    model.prior().strength(),
                    tp.highRiskThreshold(),
                    tp.surveyDisclosure(),
                    priors.surveyNoise(),
                    workers,
                    audited,
                    auditFlag,
                    sensitivity == null ? model.audit().defaultSensitivity() : sensitivity,
                    falsePositive,
                    overdue,
                    verdicts && r.<Boolean>getAs(NOT_EFFECTIVE),
                    verdicts && r.<Boolean>getAs(EFFECTIVE),
                    thirdParty,
                    critical,
                    repeat,
                    headcount,
                    minWorkers);
            CellRisk.Result c = CellRisk.compute(e, model);
            out.add(RowFactory.create(
                    r.getAs(GoldFacilityThemePeriod.FACILITY_ID),
                    theme,
                    periods.get(i),
                    country,
                    sector,
                    r.getAs(GoldFacilityThemePeriod.SUPPLIER_ID),
                    headcount,
                    inherent.profile(country, sector).index(),
                    published,
                    peers.cells(),
                    prior,
                    c.effectiveWorkers(),
                    audited,
                    auditFlag,
                    sensitivity,
                    c.prior(),
                    c.workerVoice(),
                    c.audit(),
                    c.remediation(),
                    c.thirdPartyGrievance(),
                    c.coverageGap(),
                    c.likelihood(),
                    c.sd(),
                    c.probHighRisk(),
                    c.severityBase(),
                    critical,
                    repeat,
                    c.severity(),
                    c.confidence()));
        }
        return out;
    }

    /** Flagged by workers (elevated) or by an audit in the cell's window. */
    private boolean flagged(Row r) {
        boolean audit = Boolean.TRUE.equals(r.getAs(GoldFacilityThemePeriod.IS_AUDIT_FLAGGED));
        boolean workers = mode == Mode.FULL && Boolean.TRUE.equals(r.getAs(GoldFacilityThemePeriod.IS_WORKER_ELEVATED));
        return audit || workers;
    }

    /** Mean rates of the schemes that audited the cell in its window; unannounced audits detect more. */
    private double[] auditRates(Row r, String theme, Map<String, SchemeRates> rates) {
        String schemes = r.getAs(GoldFacilityThemePeriod.AUDIT_SCHEMES);
        String period = r.getAs(GoldFacilityThemePeriod.PERIOD);
        double s = 0;
        double f = 0;
        int n = 0;
        for (String scheme : schemes == null ? new String[0] : schemes.split(",")) {
            SchemeRates sr = rates.get(key(period, scheme.strip(), theme));
            s += sr == null ? model.audit().defaultSensitivity() : sr.sensitivity();
            f += sr == null ? model.audit().defaultFalsePositiveRate() : sr.falsePositiveRate();
            n++;
        }
        if (n == 0) {
            return new double[] {
                model.audit().defaultSensitivity(), model.audit().defaultFalsePositiveRate()
            };
        }
        s /= n;
        f /= n;
        if (Boolean.FALSE.equals(r.getAs(GoldFacilityThemePeriod.IS_ANNOUNCED))) {
            s = Math.min(0.98, s * model.audit().unannouncedMultiplier());
        }
        return new double[] {s, f};
    }

    private static long longOf(Row r, String column) {
        Object v = r.getAs(column);
        return v == null ? 0L : ((Number) v).longValue();
    }

    private static double doubleOf(Row r, String column, double fallback) {
        Object v = r.getAs(column);
        return v == null ? fallback : ((Number) v).doubleValue();
    }

    // ---------------------------------------------------------------- facilities and suppliers

    static final String SCALE = "_scale";
    /** A facility's probabilities of a true burden in the tier or above ({@link TierCalibration}); null for suppliers. */
    public static final String P_CRITICAL = "_p_critical";

    public static final String P_HIGH = "_p_high";
    public static final String P_MEDIUM = "_p_medium";

    static StructType scoreSchema(int drivers) {
        StructType s = new StructType()
                .add(GoldRiskScore.SCOPE_TYPE, DataTypes.StringType)
                .add(GoldRiskScore.SCOPE_ID, DataTypes.StringType)
                .add(GoldRiskScore.PERIOD, DataTypes.StringType)
                .add(GoldRiskScore.SUPPLIER_ID, DataTypes.StringType)
                .add(GoldRiskScore.COUNTRY_CODE, DataTypes.StringType)
                .add(GoldRiskScore.SECTOR, DataTypes.StringType)
                .add(GoldRiskScore.FACILITIES, DataTypes.LongType)
                .add(GoldRiskScore.HEADCOUNT, DataTypes.LongType)
                .add(GoldRiskScore.EFFECTIVE_WORKERS, DataTypes.DoubleType)
                .add(GoldRiskScore.IS_WORKER_COVERED, DataTypes.BooleanType)
                .add(GoldRiskScore.BURDEN, DataTypes.DoubleType)
                .add(GoldRiskScore.SCORE, DataTypes.DoubleType)
                .add(GoldRiskScore.TIER, DataTypes.StringType)
                .add(GoldRiskScore.IS_TIER_FLOORED, DataTypes.BooleanType)
                .add(GoldRiskScore.CONFIDENCE, DataTypes.DoubleType)
                .add(GoldRiskScore.CONFIDENCE_LEVEL, DataTypes.StringType)
                .add(GoldRiskScore.INHERENT_CONTRIBUTION, DataTypes.DoubleType);
        for (int i = 1; i <= drivers; i++) {
            s = s.add("driver_" + i + "_theme", DataTypes.StringType)
                    .add("driver_" + i + "_evidence", DataTypes.StringType)
                    .add("driver_" + i + "_contribution", DataTypes.DoubleType);
        }
        return s.add(GoldRiskScore.OTHER_CONTRIBUTION, DataTypes.DoubleType)
                .add(SCALE, DataTypes.DoubleType)
                .add(P_CRITICAL, DataTypes.DoubleType)
                .add(P_HIGH, DataTypes.DoubleType)
                .add(P_MEDIUM, DataTypes.DoubleType);
    }

    /** The number of driver columns in gold.risk_score. */
    public static final int DRIVER_COLUMNS = 3;

    /** One row per facility × period from its theme rows ({@link FacilityScore#facility}). */
    public Dataset<Row> facilities(Dataset<Row> themes) {
        MapFunction<Row, String> byFacility =
                r -> r.<String>getAs(GoldRiskTheme.FACILITY_ID) + '\u0001' + r.<String>getAs(GoldRiskTheme.PERIOD);
        MapGroupsFunction<String, Row, Row> aggregate = (k, rows) -> facilityRow(rows);
        return themes.groupByKey(byFacility, Encoders.STRING())
                .mapGroups(aggregate, Encoders.row(scoreSchema(DRIVER_COLUMNS)));
    }

    Row facilityRow(Iterator<Row> rows) {
        List<FacilityScore.ThemeRisk> risks = new ArrayList<>();
        Row first = null;
        double effectiveWorkers = 0;
        while (rows.hasNext()) {
            Row r = rows.next();
            first = first == null ? r : first;
            effectiveWorkers = Math.max(effectiveWorkers, r.<Double>getAs(GoldRiskTheme.EFFECTIVE_WORKERS));
            risks.add(new FacilityScore.ThemeRisk(
                    r.getAs(GoldRiskTheme.THEME),
                    new CellRisk.Result(
                            r.getAs(GoldRiskTheme.LIKELIHOOD_PRIOR),
                            r.getAs(GoldRiskTheme.LIKELIHOOD_WORKER_VOICE),
                            r.getAs(GoldRiskTheme.LIKELIHOOD_AUDIT),
                            r.getAs(GoldRiskTheme.LIKELIHOOD_REMEDIATION),
                            r.getAs(GoldRiskTheme.LIKELIHOOD_THIRD_PARTY_GRIEVANCE),
                            r.getAs(GoldRiskTheme.LIKELIHOOD_COVERAGE_GAP),
                            r.getAs(GoldRiskTheme.LIKELIHOOD),
                            r.getAs(GoldRiskTheme.LIKELIHOOD_SD),
                            r.getAs(GoldRiskTheme.PROB_HIGH_RISK),
                            r.getAs(GoldRiskTheme.SEVERITY_BASE),
                            r.getAs(GoldRiskTheme.SEVERITY),
                            r.getAs(GoldRiskTheme.EFFECTIVE_WORKERS),
                            r.getAs(GoldRiskTheme.CONFIDENCE))));
        }
        risks.sort(java.util.Comparator.comparing(FacilityScore.ThemeRisk::theme));
        FacilityScore.Scored s = FacilityScore.facility(risks, effectiveWorkers, minWorkers, model);
        return scoreRow(
                "facility",
                first.getAs(GoldRiskTheme.FACILITY_ID),
                first.getAs(GoldRiskTheme.PERIOD),
                first.getAs(GoldRiskTheme.SUPPLIER_ID),
                first.getAs(GoldRiskTheme.COUNTRY_CODE),
                first.getAs(GoldRiskTheme.SECTOR),
                1,
                first.<Long>getAs(HEADCOUNT),
                effectiveWorkers,
                s,
                TierCalibration.probabilities(risks, model));
    }

    private Row scoreRow(
            String type,
            String id,
            String period,
            String supplier,
            String country,
            String sector,
            long facilities,
            long headcount,
            double effectiveWorkers,
            FacilityScore.Scored s,
            double[] tierProbabilities) {
        List<Object> v = new ArrayList<>(List.of(type, id, period));
        v.add(supplier);
        v.add(country);
        v.add(sector);
        v.addAll(List.of(facilities, headcount, effectiveWorkers, s.covered(), s.burden(), s.score()));
        // tier and floor: set per period over all facilities by TierCalibration
        v.add(null);
        v.add(false);
        v.addAll(List.of(s.confidence(), model.confidenceLevel(s.confidence()), s.inherent()));
        List<FacilityScore.Contribution> top = s.top(DRIVER_COLUMNS);
        double shown = s.inherent();
        for (int i = 0; i < DRIVER_COLUMNS; i++) {
            if (i < top.size()) {
                v.add(top.get(i).theme());
                v.add(top.get(i).evidence());
                v.add(top.get(i).value());
                shown += top.get(i).value();
            } else {
                v.add(null);
                v.add(null);
                v.add(null);
            }
        }
        v.add(s.score() - shown);
        v.add(s.burden() > 0 ? s.score() / s.burden() : 0.0);
        for (int i = 0; i < 3; i++) {
            v.add(tierProbabilities == null ? null : tierProbabilities[i]);
        }
        return RowFactory.create(v.toArray());
    }

    /**
     * The theme rows with the points each adds to its facility's score, by evidence type: {@code scale · severity ·
     * Δlikelihood} with the facility's {@code scale = score / burden} ({@link FacilityScore#facility}).
     */
    public static Dataset<Row> withContributions(Dataset<Row> themes, Dataset<Row> facilities) {
        Dataset<Row> scale = facilities.select(
                col(GoldRiskScore.SCOPE_ID).as(GoldRiskTheme.FACILITY_ID), col(GoldRiskScore.PERIOD), col(SCALE));
        Dataset<Row> joined = Joins.inner(themes, scale, GoldRiskTheme.FACILITY_ID, GoldRiskTheme.PERIOD);
        Column k = col(SCALE).multiply(col(GoldRiskTheme.SEVERITY));
        return joined.withColumn(GoldRiskTheme.CONTRIBUTION, k.multiply(col(GoldRiskTheme.LIKELIHOOD)))
                .withColumn(GoldRiskTheme.CONTRIBUTION_INHERENT_PRIOR, k.multiply(col(GoldRiskTheme.LIKELIHOOD_PRIOR)))
                .withColumn(
                        GoldRiskTheme.CONTRIBUTION_WORKER_VOICE, k.multiply(col(GoldRiskTheme.LIKELIHOOD_WORKER_VOICE)))
                .withColumn(GoldRiskTheme.CONTRIBUTION_AUDIT, k.multiply(col(GoldRiskTheme.LIKELIHOOD_AUDIT)))
                .withColumn(
                        GoldRiskTheme.CONTRIBUTION_REMEDIATION, k.multiply(col(GoldRiskTheme.LIKELIHOOD_REMEDIATION)))
                .withColumn(
                        GoldRiskTheme.CONTRIBUTION_THIRD_PARTY_GRIEVANCE,
                        k.multiply(col(GoldRiskTheme.LIKELIHOOD_THIRD_PARTY_GRIEVANCE)))
                .withColumn(
                        GoldRiskTheme.CONTRIBUTION_COVERAGE_GAP, k.multiply(col(GoldRiskTheme.LIKELIHOOD_COVERAGE_GAP)))
                .drop(SCALE);
    }

    static final String F_SCORE = "_f_score";
    static final String F_BURDEN = "_f_burden";
    static final String F_CONFIDENCE = "_f_confidence";
    static final String F_COVERED = "_f_covered";
    static final String F_WORKERS = "_f_workers";

    /** One row per supplier × period ({@link FacilityScore#supplier}) from the theme rows with contributions. */
    public Dataset<Row> suppliers(Dataset<Row> themesWithContributions, Dataset<Row> facilities) {
        Dataset<Row> facilityFields = facilities.select(
                col(GoldRiskScore.SCOPE_ID).as(GoldRiskTheme.FACILITY_ID),
                col(GoldRiskScore.PERIOD),
                col(GoldRiskScore.SCORE).as(F_SCORE),
                col(GoldRiskScore.BURDEN).as(F_BURDEN),
                col(GoldRiskScore.CONFIDENCE).as(F_CONFIDENCE),
                col(GoldRiskScore.IS_WORKER_COVERED).as(F_COVERED),
                col(GoldRiskScore.EFFECTIVE_WORKERS).as(F_WORKERS));
        Dataset<Row> rows = Joins.inner(
                themesWithContributions.filter(col(GoldRiskTheme.SUPPLIER_ID).isNotNull()),
                facilityFields,
                GoldRiskTheme.FACILITY_ID,
                GoldRiskTheme.PERIOD);
        MapFunction<Row, String> bySupplier =
                r -> r.<String>getAs(GoldRiskTheme.SUPPLIER_ID) + '\u0001' + r.<String>getAs(GoldRiskTheme.PERIOD);
        MapGroupsFunction<String, Row, Row> aggregate = (k, it) -> supplierRow(it);
        return rows.groupByKey(bySupplier, Encoders.STRING())
                .mapGroups(aggregate, Encoders.row(scoreSchema(DRIVER_COLUMNS)));
    }

    Row supplierRow(Iterator<Row> rows) {
        Map<String, List<FacilityScore.Contribution>> contributions = new java.util.TreeMap<>();
        Map<String, Row> facilityOf = new HashMap<>();
        Row first = null;
        while (rows.hasNext()) {
            Row r = rows.next();
            first = first == null ? r : first;
            String f = r.getAs(GoldRiskTheme.FACILITY_ID);
            facilityOf.putIfAbsent(f, r);
            List<FacilityScore.Contribution> list = contributions.computeIfAbsent(f, x -> new ArrayList<>());
            String theme = r.getAs(GoldRiskTheme.THEME);
            list.add(new FacilityScore.Contribution(
                    theme, FacilityScore.PRIOR, r.getAs(GoldRiskTheme.CONTRIBUTION_INHERENT_PRIOR)));
            list.add(new FacilityScore.Contribution(
                    theme, FacilityScore.WORKER_VOICE, r.getAs(GoldRiskTheme.CONTRIBUTION_WORKER_VOICE)));
            list.add(new FacilityScore.Contribution(
                    theme, FacilityScore.AUDIT, r.getAs(GoldRiskTheme.CONTRIBUTION_AUDIT)));
            list.add(new FacilityScore.Contribution(
                    theme, FacilityScore.REMEDIATION, r.getAs(GoldRiskTheme.CONTRIBUTION_REMEDIATION)));
            list.add(new FacilityScore.Contribution(
                    theme,
                    FacilityScore.THIRD_PARTY_GRIEVANCE,
                    r.getAs(GoldRiskTheme.CONTRIBUTION_THIRD_PARTY_GRIEVANCE)));
            list.add(new FacilityScore.Contribution(
                    theme, FacilityScore.COVERAGE_GAP, r.getAs(GoldRiskTheme.CONTRIBUTION_COVERAGE_GAP)));
        }
        List<FacilityScore.Member> members = new ArrayList<>();
        long headcount = 0;
        double workers = 0;
        for (Map.Entry<String, List<FacilityScore.Contribution>> e : contributions.entrySet()) {
            Row f = facilityOf.get(e.getKey());
            long hc = f.<Long>getAs(HEADCOUNT);
            headcount += hc;
            workers += f.<Double>getAs(F_WORKERS);
            members.add(new FacilityScore.Member(
                    hc,
                    new FacilityScore.Scored(
                            f.getAs(F_BURDEN),
                            f.getAs(F_SCORE),
                            e.getValue(),
                            f.getAs(F_CONFIDENCE),
                            f.getAs(F_COVERED))));
        }
        FacilityScore.Scored s = FacilityScore.supplier(members);
        String supplier = first.getAs(GoldRiskTheme.SUPPLIER_ID);
        return scoreRow(
                "supplier",
                supplier,
                first.getAs(GoldRiskTheme.PERIOD),
                supplier,
                null,
                null,
                members.size(),
                headcount,
                workers,
                s,
                null);
    }

    /** Trend label of a score whose facility (or every facility of the supplier) got no new evidence in the period. */
    public static final String NO_NEW_EVIDENCE = "no_new_evidence";

    static final String NEW_EVIDENCE = "_new_evidence";

    /**
     * Facility × period: whether anything new about the facility arrived in the period: workers reached, an audit
     * dated in it, or a CAP closed in it. Without it a score still moves (older reports weigh less, peers'
     * evidence recalibrates the prior), but that is the model moving, not the facility.
     */
    public static Dataset<Row> newEvidence(Dataset<Row> cells, org.hrdd.config.AppConfig.Granularity granularity) {
        Column auditedIn = col(GoldFacilityThemePeriod.LAST_AUDIT_DATE)
                .isNotNull()
                .and(org.hrdd.time.Periods.label(col(GoldFacilityThemePeriod.LAST_AUDIT_DATE), granularity)
                        .equalTo(col(GoldFacilityThemePeriod.PERIOD)));
        Column any = coalesce(col(GoldFacilityThemePeriod.WORKERS_REACHED), lit(0L))
                .gt(0)
                .or(coalesce(col(GoldFacilityThemePeriod.CAPS_CLOSED), lit(0L)).gt(0))
                .or(coalesce(auditedIn, lit(false)));
        return cells.groupBy(col(GoldFacilityThemePeriod.FACILITY_ID), col(GoldFacilityThemePeriod.PERIOD))
                .agg(max(any).as(NEW_EVIDENCE));
    }

    /**
     * Previous period's score of the same facility or supplier, the change, and the trend label: {@code new} without
     * a previous score, {@link #NO_NEW_EVIDENCE} when nothing new arrived about the facility (any facility of the
     * supplier) in the period, else rising / falling beyond the threshold or stable. The change is kept either way.
     */
    public Dataset<Row> withTrend(Dataset<Row> scores, Dataset<Row> newEvidence) {
        WindowSpec w = Window.partitionBy(col(GoldRiskScore.SCOPE_TYPE), col(GoldRiskScore.SCOPE_ID))
                .orderBy(col(GoldRiskScore.PERIOD));
        Column prevPeriod = lag(col(GoldRiskScore.PERIOD), 1).over(w);
        Column prevScore = lag(col(GoldRiskScore.SCORE), 1).over(w);
        Column expectedPrev = lit(null).cast("string");
        for (int i = 1; i < periods.size(); i++) {
            expectedPrev = when(col(GoldRiskScore.PERIOD).equalTo(periods.get(i)), lit(periods.get(i - 1)))
                    .otherwise(expectedPrev);
        }
        double t = model.score().trendThreshold();
        Dataset<Row> perFacility = newEvidence
                .select(
                        col(GoldFacilityThemePeriod.FACILITY_ID).as(GoldRiskScore.SCOPE_ID),
                        col(GoldFacilityThemePeriod.PERIOD).as(GoldRiskScore.PERIOD),
                        col(NEW_EVIDENCE))
                .withColumn(GoldRiskScore.SCOPE_TYPE, lit("facility"));
        Dataset<Row> perSupplier = Joins.inner(
                        scores.filter(col(GoldRiskScore.SCOPE_TYPE).equalTo("facility"))
                                .select(
                                        col(GoldRiskScore.SCOPE_ID),
                                        col(GoldRiskScore.PERIOD),
                                        col(GoldRiskScore.SUPPLIER_ID)),
                        perFacility.drop(GoldRiskScore.SCOPE_TYPE),
                        GoldRiskScore.SCOPE_ID,
                        GoldRiskScore.PERIOD)
                .filter(col(GoldRiskScore.SUPPLIER_ID).isNotNull())
                .groupBy(col(GoldRiskScore.SUPPLIER_ID).as(GoldRiskScore.SCOPE_ID), col(GoldRiskScore.PERIOD))
                .agg(max(col(NEW_EVIDENCE)).as(NEW_EVIDENCE))
                .withColumn(GoldRiskScore.SCOPE_TYPE, lit("supplier"));
        Dataset<Row> withPrev = Joins.left(
                        scores,
                        perFacility.unionByName(perSupplier),
                        GoldRiskScore.SCOPE_TYPE,
                        GoldRiskScore.SCOPE_ID,
                        GoldRiskScore.PERIOD)
                .withColumn(GoldRiskScore.PREVIOUS_SCORE, when(prevPeriod.equalTo(expectedPrev), prevScore));
        Column change = col(GoldRiskScore.SCORE).minus(col(GoldRiskScore.PREVIOUS_SCORE));
        return withPrev.withColumn(GoldRiskScore.SCORE_CHANGE, change)
                .withColumn(
                        GoldRiskScore.TREND,
                        when(col(GoldRiskScore.PREVIOUS_SCORE).isNull(), lit("new"))
                                .when(not(coalesce(col(NEW_EVIDENCE), lit(false))), lit(NO_NEW_EVIDENCE))
                                .when(change.geq(t), lit("rising"))
                                .when(change.leq(-t), lit("falling"))
                                .otherwise(lit("stable")))
                .drop(NEW_EVIDENCE);
    }
}
