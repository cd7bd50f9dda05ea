/**
 * Small, pure-Java statistics for the corroboration, remediation and risk analyses: no Spark, no I/O, no global
 * state; results are immutable records. Distributions come from Apache Commons Math 3.6.1.
 *
 * <ul>
 *   <li>{@link org.hrdd.stats.WilsonInterval} — Wilson score interval for a worker rate;</li>
 *   <li>{@link org.hrdd.stats.BetaBinomialPrior} — empirical-Bayes beta prior (method of moments, maximum
 *       likelihood, configured fallback, flagged weak prior) and posterior shrinkage;</li>
 *   <li>{@link org.hrdd.stats.BenjaminiHochberg} — FDR-adjusted p-values across cells;</li>
 *   <li>{@link org.hrdd.stats.CohensKappa} — worker × audit agreement with a large-sample interval;</li>
 *   <li>{@link org.hrdd.stats.ProportionTests} — two-proportion z, Fisher exact, exact binomial tails;</li>
 *   <li>{@link org.hrdd.stats.DetectionRateEstimator} — audit detection sensitivity corrected for false worker
 *       elevations;</li>
 *   <li>{@link org.hrdd.stats.Descriptive} — median.</li>
 * </ul>
 * Undefined estimates are reported as NaN with a flag, never as an exception; invalid arguments (negative counts,
 * k &gt; n, levels outside (0, 1)) throw {@link java.lang.IllegalArgumentException}.
 */
package org.hrdd.stats;
