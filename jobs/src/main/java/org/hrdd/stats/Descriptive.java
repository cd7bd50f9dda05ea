package org.hrdd.stats;

import java.util.Arrays;

/** Small descriptive helpers not worth a Commons Math object. */
public final class Descriptive {

    private Descriptive() {}

    /**
     * The sample median: the middle value, or the mean of the two middle values for an even count. NaN entries are
     * ignored; NaN for no values. (Commons Math's {@code Percentile} default estimator differs for small samples.)
     */
    public static double median(double... values) {
        double[] v =
                Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }
}
