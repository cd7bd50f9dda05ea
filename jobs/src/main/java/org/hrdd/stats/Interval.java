package org.hrdd.stats;

/**
 * A closed interval {@code [lower, upper]} on the real line, as returned by the interval estimators of this package.
 * Both bounds are NaN when the interval is undefined (see the producing method).
 */
public record Interval(double lower, double upper) {

    /** An interval whose bounds are both NaN (undefined estimate). */
    public static final Interval UNDEFINED = new Interval(Double.NaN, Double.NaN);

    public Interval {
        if (lower > upper) {
            throw new IllegalArgumentException("interval lower bound " + lower + " > upper bound " + upper);
        }
    }

    /** Whether both bounds are numbers. */
    public boolean isDefined() {
        return !Double.isNaN(lower) && !Double.isNaN(upper);
    }

    /** {@code upper - lower}; NaN when undefined. */
    public double width() {
        return upper - lower;
    }

    /** Whether {@code x} lies in the closed interval (false when undefined). */
    public boolean contains(double x) {
        return lower <= x && x <= upper;
    }

    /** This interval intersected with {@code [lo, hi]} (bounds clamped); undefined stays undefined. */
    public Interval clamp(double lo, double hi) {
        if (!isDefined()) {
            return this;
        }
        return new Interval(Math.min(hi, Math.max(lo, lower)), Math.max(lo, Math.min(hi, upper)));
    }
}
