package org.hrdd.quality;

/**
 * The result of one rule on one dataset.
 *
 * @param metric the measured value (share complete, share allowed, row count ...), when Deequ computed one
 * @param message why the rule failed, when it did
 */
public record QualityOutcome(QualityRule rule, boolean passed, Double metric, String message) {}
