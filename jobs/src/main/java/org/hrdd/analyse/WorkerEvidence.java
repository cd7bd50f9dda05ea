package org.hrdd.analyse;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.api.java.UDF5;
import org.apache.spark.sql.api.java.UDF6;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hrdd.config.AppConfig;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.spark.Joins;
import org.hrdd.stats.BetaBinomialPrior;
import org.hrdd.stats.Interval;

/**
 * The worker side of {@code gold.facility_theme_period}: priors, shrinkage, intervals, elevation.
 *
 * <ol>
 *   <li><b>Priors.</b> For each channel, a beta-binomial prior per theme × period × country × sector is fitted from
 *       the cells that channel reached ({@link BetaBinomialPrior}, ML or moments); a group with fewer than
 *       {@code prior_min_groups} such cells, or without detectable spread, takes the theme × period prior, and a
 *       theme with too few cells takes the configured one ({@code conf/priors/themes.yaml}). A cell's prior mixes
 *       its channel priors by its own channel mix. Fits run per group on the executors; nothing record-level reaches
 *       the driver.</li>
 *   <li><b>Helpline calibration.</b> Per theme × period, the helpline ÷ survey reporting factor from the cells both
 *       channels reached ({@link CellStatistics#helplineFactor}).</li>
 *   <li><b>Cell statistics.</b> Wilson interval, shrunk rate and its posterior interval, the rate expected at the
 *       theme's high-risk threshold, the prevalence behind the shrunk rate, and the one-sided exact p-value of
 *       "no more than the prior" (comparable facilities).</li>
 *   <li><b>Elevation.</b> Benjamini–Hochberg q-values across all cells of the period with at least
 *       {@code min_workers_reached} workers; a cell is worker-elevated when its q-value is at most {@code fdr} and its
 *       shrunk rate is at or above the high-risk rate.</li>
 * </ol>
 */
public final class WorkerEvidence {

    static final String CHANNEL = "_channel";
    static final String K = "_k";
    static final String N = "_n";
    static final String MEAN = "_prior_mean";
    static final String STRENGTH = "_prior_strength";
    static final String OK = "_prior_ok";
    static final String FACTOR = "_helpline_factor";
    static final String HELPLINE = "helpline";
    static final String SURVEY = "survey";

    private final AppConfig.AnalysisSettings settings;
    private final ThemePriors priors;

    public WorkerEvidence(AppConfig.AnalysisSettings settings, ThemePriors priors) {
        this.settings = settings;
        this.priors = priors;
    }

    /**
     * @param cells one row per facility × theme × period with facility_id, theme, period, country_code, sector and the
     *              four worker counts per channel of {@link GoldFacilityThemePeriod}
     * @return the cells with every worker-side column of the gold table
     */
    public Dataset<Row> apply(SparkSession spark, Dataset<Row> cells) {
        Dataset<Row> channelCells = channelRows(cells);
        // the fits are aggregates (a few thousand groups): computed once here and joined as local relations, instead
        // of re-running every group's optimisation for each channel that reads them
        Dataset<Row> groupFits = local(spark, fit(channelCells, true));
        Dataset<Row> themeFits = local(spark, fit(channelCells, false));
        Dataset<Row> configured = configured(spark);

        Dataset<Row> withPriors = cells;
        for (String channel : List.of(HELPLINE, SURVEY)) {
            Dataset<Row> g = groupFits
                    .filter(col(CHANNEL).equalTo(channel))
                    .filter(col(OK))
                    .select(
                            col(GoldFacilityThemePeriod.THEME), col(GoldFacilityThemePeriod.PERIOD),
                            col(GoldFacilityThemePeriod.COUNTRY_CODE), col(GoldFacilityThemePeriod.SECTOR),
                            col(MEAN).as(channel + "_g_mean"), col(STRENGTH).as(channel + "_g_strength"));
            Dataset<Row> t = themeFits
                    .filter(col(CHANNEL).equalTo(channel))
                    .filter(col(OK))
                    .select(
                            col(GoldFacilityThemePeriod.THEME), col(GoldFacilityThemePeriod.PERIOD),
                            col(MEAN).as(channel + "_t_mean"), col(STRENGTH).as(channel + "_t_strength"));
            withPriors = Joins.left(
                    Joins.left(
                            withPriors,
                            g,
                            GoldFacilityThemePeriod.THEME,
                            GoldFacilityThemePeriod.PERIOD,
                            GoldFacilityThemePeriod.COUNTRY_CODE,
                            GoldFacilityThemePeriod.SECTOR),
                    t,
                    GoldFacilityThemePeriod.THEME,
                    GoldFacilityThemePeriod.PERIOD);
        }
        Dataset<Row> factors = helplineFactors(cells);
        withPriors = Joins.left(
                        Joins.left(withPriors, configured, GoldFacilityThemePeriod.THEME),
                        factors,
                        GoldFacilityThemePeriod.THEME,
                        GoldFacilityThemePeriod.PERIOD)
                .withColumn(FACTOR, coalesce(col(FACTOR), lit(priors.helplineRelativeReporting())));

        Column nH = col(GoldFacilityThemePeriod.WORKERS_REACHED_HELPLINE);
        Column nS = col(GoldFacilityThemePeriod.WORKERS_REACHED_SURVEY);
        Column kH = col(GoldFacilityThemePeriod.WORKERS_REPORTING_HELPLINE);
        Column kS = col(GoldFacilityThemePeriod.WORKERS_REPORTING_SURVEY);
        Column meanH = coalesce(col("helpline_g_mean"), col("helpline_t_mean"), col("helpline_c_mean"));
        Column strengthH = coalesce(col("helpline_g_strength"), col("helpline_t_strength"), col("c_strength"));
        Column meanS = coalesce(col("survey_g_mean"), col("survey_t_mean"), col("survey_c_mean"));
        Column strengthS = coalesce(col("survey_g_strength"), col("survey_t_strength"), col("c_strength"));
        Column source = sourceOf(nH, nS);

        Dataset<Row> withStats = withPriors
                .withColumn(GoldFacilityThemePeriod.WORKERS_REACHED, nH.plus(nS))
                .withColumn(GoldFacilityThemePeriod.WORKERS_REPORTING, kH.plus(kS))
                .withColumn(GoldFacilityThemePeriod.PRIOR_MEAN, mixUdf(true).apply(nH, nS, meanH, meanS))
                // the fit takes its hyperparameters as known and the beta shape as right; counting the prior at full
                // strength left truly high cells' intervals too low (see analysis.prior_weight)
                .withColumn(
                        GoldFacilityThemePeriod.PRIOR_STRENGTH,
                        mixUdf(false).apply(nH, nS, strengthH, strengthS).multiply(settings.priorWeight()))
                .withColumn(GoldFacilityThemePeriod.PRIOR_SOURCE, source)
                .withColumn(
                        GoldFacilityThemePeriod.ELEVATION_RATE,
                        measureUdf(true)
                                .apply(
                                        col("c_threshold"),
                                        nH,
                                        nS,
                                        col("c_disclosure"),
                                        col(FACTOR),
                                        lit(priors.surveyNoise())))
                .withColumn(
                        "_stats",
                        statsUdf(settings.confidenceLevel())
                                .apply(
                                        col(GoldFacilityThemePeriod.WORKERS_REPORTING),
                                        col(GoldFacilityThemePeriod.WORKERS_REACHED),
                                        col(GoldFacilityThemePeriod.PRIOR_MEAN),
                                        col(GoldFacilityThemePeriod.PRIOR_STRENGTH),
                                        col(GoldFacilityThemePeriod.ELEVATION_RATE)));
        Column reached = col(GoldFacilityThemePeriod.WORKERS_REACHED).gt(0);
        withStats = withStats
                .withColumn(GoldFacilityThemePeriod.PRIOR_MEAN, when(reached, col(GoldFacilityThemePeriod.PRIOR_MEAN)))
                .withColumn(
                        GoldFacilityThemePeriod.PRIOR_STRENGTH,
                        when(reached, col(GoldFacilityThemePeriod.PRIOR_STRENGTH)))
                .withColumn(
                        GoldFacilityThemePeriod.WORKER_RATE,
                        when(
                                reached,
                                col(GoldFacilityThemePeriod.WORKERS_REPORTING)
                                        .cast("double")
                                        .divide(col(GoldFacilityThemePeriod.WORKERS_REACHED))))
                .withColumn(GoldFacilityThemePeriod.WORKER_RATE_LOWER, when(reached, col("_stats.wilson_lower")))
                .withColumn(GoldFacilityThemePeriod.WORKER_RATE_UPPER, when(reached, col("_stats.wilson_upper")))
                .withColumn(GoldFacilityThemePeriod.SHRUNK_RATE, when(reached, col("_stats.shrunk")))
                .withColumn(GoldFacilityThemePeriod.SHRUNK_RATE_LOWER, when(reached, col("_stats.shrunk_lower")))
                .withColumn(GoldFacilityThemePeriod.SHRUNK_RATE_UPPER, when(reached, col("_stats.shrunk_upper")))
                .withColumn(
                        GoldFacilityThemePeriod.PREVALENCE_ESTIMATE,
                        when(
                                reached,
                                measureUdf(false)
                                        .apply(
                                                col(GoldFacilityThemePeriod.SHRUNK_RATE),
                                                nH,
                                                nS,
                                                col("c_disclosure"),
                                                col(FACTOR),
                                                lit(priors.surveyNoise()))))
                .withColumn(GoldFacilityThemePeriod.PROB_HIGH_RISK, when(reached, col("_stats.prob_above")))
                .withColumn(GoldFacilityThemePeriod.HELPLINE_FACTOR, when(reached, col(FACTOR)))
                .withColumn(GoldFacilityThemePeriod.ELEVATION_P_VALUE, when(reached, col("_stats.p_value")));
        return elevate(withStats).drop("_stats");
    }

    /** Benjamini–Hochberg per period over the cells with enough workers, then the elevation rule. */
    Dataset<Row> elevate(Dataset<Row> cells) {
        Column enough = col(GoldFacilityThemePeriod.WORKERS_REACHED).geq(settings.minWorkersReached());
        Dataset<Row> tested = cells.filter(enough);
        Dataset<Row> untested = cells.filter(enough.unary_$bang());
        WindowSpec byP = Window.partitionBy(col(GoldFacilityThemePeriod.PERIOD));
        WindowSpec ranked = byP.orderBy(
                col(GoldFacilityThemePeriod.ELEVATION_P_VALUE),
                col(GoldFacilityThemePeriod.FACILITY_ID),
                col(GoldFacilityThemePeriod.THEME));
        WindowSpec fromTop =
                byP.orderBy(col("_rank").desc()).rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Dataset<Row> q = tested.withColumn("_rank", row_number().over(ranked))
                .withColumn("_m", count(lit(1)).over(byP))
                .withColumn(
                        "_adj",
                        col(GoldFacilityThemePeriod.ELEVATION_P_VALUE)
                                .multiply(col("_m"))
                                .divide(col("_rank")))
                .withColumn(
                        GoldFacilityThemePeriod.ELEVATION_Q_VALUE,
                        least(lit(1.0), min(col("_adj")).over(fromTop)))
                .drop("_rank", "_m", "_adj");
        Column elevated = col(GoldFacilityThemePeriod.ELEVATION_Q_VALUE)
                .leq(settings.fdr())
                .and(col(GoldFacilityThemePeriod.SHRUNK_RATE).geq(col(GoldFacilityThemePeriod.ELEVATION_RATE)));
        return q.withColumn(GoldFacilityThemePeriod.IS_WORKER_ELEVATED, coalesce(elevated, lit(false)))
                .unionByName(untested.withColumn(
                                GoldFacilityThemePeriod.ELEVATION_Q_VALUE,
                                lit(null).cast("double"))
                        .withColumn(GoldFacilityThemePeriod.IS_WORKER_ELEVATED, lit(false)));
    }

    private static Dataset<Row> local(SparkSession spark, Dataset<Row> small) {
        return spark.createDataFrame(small.collectAsList(), small.schema());
    }

    /** One row per channel that reached the cell: theme, period, country, sector, channel, k, n. */
    static Dataset<Row> channelRows(Dataset<Row> cells) {
        Column[] keys = {
            col(GoldFacilityThemePeriod.THEME),
            col(GoldFacilityThemePeriod.PERIOD),
            col(GoldFacilityThemePeriod.COUNTRY_CODE),
            col(GoldFacilityThemePeriod.SECTOR)
        };
        Dataset<Row> h = cells.filter(
                        col(GoldFacilityThemePeriod.WORKERS_REACHED_HELPLINE).gt(0))
                .select(concat(
                        keys,
                        lit(HELPLINE).as(CHANNEL),
                        col(GoldFacilityThemePeriod.WORKERS_REPORTING_HELPLINE).as(K),
                        col(GoldFacilityThemePeriod.WORKERS_REACHED_HELPLINE).as(N)));
        Dataset<Row> s = cells.filter(
                        col(GoldFacilityThemePeriod.WORKERS_REACHED_SURVEY).gt(0))
                .select(concat(
                        keys,
                        lit(SURVEY).as(CHANNEL),
                        col(GoldFacilityThemePeriod.WORKERS_REPORTING_SURVEY).as(K),
                        col(GoldFacilityThemePeriod.WORKERS_REACHED_SURVEY).as(N)));
        return h.unionByName(s);
    }

    private static Column[] concat(Column[] keys, Column... more) {
        Column[] all = new Column[keys.length + more.length];
        System.arraycopy(keys, 0, all, 0, keys.length);
        System.arraycopy(more, 0, all, keys.length, more.length);
        return all;
    }

    /** Fits per theme × period × channel (and × country × sector when {@code byGroup}); one task per group. */
    Dataset<Row> fit(Dataset<Row> channelCells, boolean byGroup) {
        StructType schema = new StructType()
                .add(GoldFacilityThemePeriod.THEME, DataTypes.StringType)
                .add(GoldFacilityThemePeriod.PERIOD, DataTypes.StringType)
                .add(GoldFacilityThemePeriod.COUNTRY_CODE, DataTypes.StringType)
                .add(GoldFacilityThemePeriod.SECTOR, DataTypes.StringType)
                .add(CHANNEL, DataTypes.StringType)
                .add(MEAN, DataTypes.DoubleType)
                .add(STRENGTH, DataTypes.DoubleType)
                .add(OK, DataTypes.BooleanType);
        BetaBinomialPrior.FitOptions options = new BetaBinomialPrior.FitOptions(
                settings.priorMethod() == AppConfig.PriorMethod.MAXIMUM_LIKELIHOOD
                        ? BetaBinomialPrior.Method.MAXIMUM_LIKELIHOOD
                        : BetaBinomialPrior.Method.METHOD_OF_MOMENTS,
                settings.priorMinGroups(),
                1e4,
                2);
        MapFunction<Row, String> key = byGroup
                ? r -> r.getString(0)
                        + '\u0001'
                        + r.getString(1)
                        + '\u0001'
                        + r.getString(2)
                        + '\u0001'
                        + r.getString(3)
                        + '\u0001'
                        + r.getString(4)
                : r -> r.getString(0) + '\u0001' + r.getString(1) + '\u0001' + r.getString(4);
        double weakStrength = priors.fallbackPriorStrength();
        MapGroupsFunction<String, Row, Row> fitGroup = (k, rows) -> fitRows(rows, options, byGroup, weakStrength);
        return channelCells
                .select(
                        col(GoldFacilityThemePeriod.THEME),
                        col(GoldFacilityThemePeriod.PERIOD),
                        col(GoldFacilityThemePeriod.COUNTRY_CODE),
                        col(GoldFacilityThemePeriod.SECTOR),
                        col(CHANNEL),
                        col(K),
                        col(N))
                .groupByKey(key, Encoders.STRING())
                .mapGroups(fitGroup, Encoders.row(schema));
    }

    /**
     * Fits one group. A fit that finds no spread beyond binomial noise ({@link BetaBinomialPrior.Source#WEAK}) is not
     * used for a country × sector group (the theme-wide prior is); for a theme it becomes a prior at the pooled rate
     * with the configured strength, since the cells then look alike and should shrink to their common rate.
     */
    static Row fitRows(Iterator<Row> rows, BetaBinomialPrior.FitOptions options, boolean byGroup, double weakStrength) {
        List<long[]> kn = new ArrayList<>();
        Row first = null;
        while (rows.hasNext()) {
            Row r = rows.next();
            if (first == null) {
                first = r;
            }
            kn.add(new long[] {r.getLong(5), r.getLong(6)});
        }
        // rows arrive in an order that depends on partitioning; the optimiser's sums (and so its last digits) do not
        // depend on it once the input is in a canonical order
        kn.sort(java.util.Comparator.<long[]>comparingLong(a -> a[1]).thenComparingLong(a -> a[0]));
        long[] k = kn.stream().mapToLong(a -> a[0]).toArray();
        long[] n = kn.stream().mapToLong(a -> a[1]).toArray();
        BetaBinomialPrior p = BetaBinomialPrior.fit(k, n, options, null);
        boolean fitted = p.groups() >= options.minGroups();
        double mean = p.mean();
        double strength = p.strength();
        boolean ok = fitted;
        if (p.source() == BetaBinomialPrior.Source.WEAK) {
            ok = fitted && !byGroup;
            // pooled rate, kept off 0 and 1 (Jeffreys-style half counts) so the prior stays a proper beta
            mean = (java.util.Arrays.stream(k).sum() + 0.5)
                    / (java.util.Arrays.stream(n).sum() + 1.0);
            strength = weakStrength;
        }
        return RowFactory.create(
                first.getString(0),
                first.getString(1),
                byGroup ? first.getString(2) : null,
                byGroup ? first.getString(3) : null,
                first.getString(4),
                mean,
                strength,
                ok);
    }

    /** Per theme: configured prior means per channel, threshold, disclosure. */
    Dataset<Row> configured(SparkSession spark) {
        StructType schema = new StructType()
                .add(GoldFacilityThemePeriod.THEME, DataTypes.StringType)
                .add("c_threshold", DataTypes.DoubleType)
                .add("c_disclosure", DataTypes.DoubleType)
                .add("helpline_c_mean", DataTypes.DoubleType)
                .add("survey_c_mean", DataTypes.DoubleType)
                .add("c_strength", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        priors.themes().forEach((id, t) -> {
            double survey = priors.surveyRate(id, t.typicalPrevalence());
            double helpline = priors.helplineRelativeReporting()
                    * t.typicalPrevalence()
                    * (t.surveyDisclosure() - priors.surveyNoise());
            rows.add(RowFactory.create(
                    id, t.highRiskThreshold(), t.surveyDisclosure(), helpline, survey, priors.fallbackPriorStrength()));
        });
        return spark.createDataFrame(rows, schema);
    }

    /** Helpline ÷ survey reporting factor per theme × period from the cells both channels reached. */
    Dataset<Row> helplineFactors(Dataset<Row> cells) {
        double noise = priors.surveyNoise();
        double start = priors.helplineRelativeReporting();
        double strength = priors.helplineCalibrationStrength();
        UserDefinedFunction factor = udf(
                (UDF4<Long, Long, Long, Long, Double>)
                        (kH, nH, kS, nS) -> CellStatistics.helplineFactor(kH, nH, kS, nS, noise, start, strength),
                DataTypes.DoubleType);
        return cells.filter(col(GoldFacilityThemePeriod.WORKERS_REACHED_HELPLINE)
                        .gt(0)
                        .and(col(GoldFacilityThemePeriod.WORKERS_REACHED_SURVEY).gt(0)))
                .groupBy(col(GoldFacilityThemePeriod.THEME), col(GoldFacilityThemePeriod.PERIOD))
                .agg(
                        sum(col(GoldFacilityThemePeriod.WORKERS_REPORTING_HELPLINE))
                                .as("_kh"),
                        sum(col(GoldFacilityThemePeriod.WORKERS_REACHED_HELPLINE))
                                .as("_nh"),
                        sum(col(GoldFacilityThemePeriod.WORKERS_REPORTING_SURVEY))
                                .as("_ks"),
                        sum(col(GoldFacilityThemePeriod.WORKERS_REACHED_SURVEY)).as("_ns"))
                .select(
                        col(GoldFacilityThemePeriod.THEME),
                        col(GoldFacilityThemePeriod.PERIOD),
                        factor.apply(col("_kh"), col("_nh"), col("_ks"), col("_ns"))
                                .as(FACTOR));
    }

    private Column sourceOf(Column nH, Column nS) {
        Column group = col("helpline_g_mean")
                .isNotNull()
                .and(nH.gt(0))
                .or(col("survey_g_mean").isNotNull().and(nS.gt(0)));
        Column theme = col("helpline_t_mean")
                .isNotNull()
                .and(nH.gt(0))
                .or(col("survey_t_mean").isNotNull().and(nS.gt(0)));
        return when(nH.plus(nS).equalTo(0), lit(null).cast("string"))
                .when(group, lit("country_sector"))
                .when(theme, lit("theme"))
                .otherwise(lit("configured"));
    }

    private static UserDefinedFunction mixUdf(boolean mean) {
        return udf(
                (UDF4<Long, Long, Double, Double, Double>) (nH, nS, h, s) -> mean
                        ? CellStatistics.mixedPriorMean(nH, nS, h, s)
                        : CellStatistics.mixedPriorStrength(nH, nS, h, s),
                DataTypes.DoubleType);
    }

    private static UserDefinedFunction measureUdf(boolean rateAtThreshold) {
        return udf(
                (UDF6<Double, Long, Long, Double, Double, Double, Double>) (x, nH, nS, d, factor, noise) -> {
                    if (x == null) {
                        return null;
                    }
                    double v = rateAtThreshold
                            ? CellStatistics.rateAtPrevalence(x, nH, nS, d, noise, factor)
                            : CellStatistics.prevalenceAtRate(x, nH, nS, d, noise, factor);
                    return Double.isNaN(v) ? null : v;
                },
                DataTypes.DoubleType);
    }

    /** Wilson interval, shrunk rate and its posterior interval, the p-value, and P(rate > elevation rate): one posterior. */
    private static UserDefinedFunction statsUdf(double level) {
        StructType out = new StructType()
                .add("wilson_lower", DataTypes.DoubleType)
                .add("wilson_upper", DataTypes.DoubleType)
                .add("shrunk", DataTypes.DoubleType)
                .add("shrunk_lower", DataTypes.DoubleType)
                .add("shrunk_upper", DataTypes.DoubleType)
                .add("p_value", DataTypes.DoubleType)
                .add("prob_above", DataTypes.DoubleType);
        return udf(
                (UDF5<Long, Long, Double, Double, Double, Row>) (k, n, m, s, rate) -> {
                    if (n == 0) {
                        return RowFactory.create(null, null, null, null, null, null, null);
                    }
                    Interval w = CellStatistics.wilson(k, n, level);
                    CellStatistics.Posterior post = CellStatistics.posterior(k, n, m, s);
                    Interval band = post.interval(level);
                    return RowFactory.create(
                            w.lower(),
                            w.upper(),
                            CellStatistics.shrunkRate(k, n, m, s),
                            band.lower(),
                            band.upper(),
                            CellStatistics.upperTailPValue(k, n, m),
                            rate == null ? null : post.probabilityAbove(rate));
                },
                out);
    }
}
