package org.hrdd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Published values: R. G. Newcombe (1998), Stat. Med. 17:857–872, Table I, method 3 (Wilson score, no continuity
 * correction), printed to 4 decimals. The extra digits and the other cases were computed with /usr/bin/python3:
 * <pre>
 *   z = 1.959963984540054   # bisection on 0.5*erfc(z/sqrt(2)) = 0.025
 *   p=k/n; d=1+z*z/n; c=(p+z*z/(2*n))/d; h=z/d*sqrt(p*(1-p)/n+z*z/(4*n*n)); (c-h, c+h)
 *   81/263 -> (0.2552885198782742, 0.36620957698280004)   15/148 -> (0.0623863995307363, 0.16048724172330803)
 *   0/20   -> (0, 0.16112515805281938)   1/29 -> (0.006113214292762653, 0.17175521879320288)
 *   0/10   -> (0, 0.2775327998628892)    10/10 -> (0.7224672001371107, 1)
 *   90 %: z = 1.6448536269514729, 81/263 -> (0.2633136171884814, 0.35656634960848815)
 * </pre>
 */
class WilsonIntervalTest {

    @Test
    void newcombeWorkedExamples() {
        assertInterval(WilsonInterval.of(81, 263), 0.2553, 0.3662, 5e-5);
        assertInterval(WilsonInterval.of(15, 148), 0.0624, 0.1605, 5e-5);
        assertInterval(WilsonInterval.of(0, 20), 0.0, 0.1611, 5e-5);
        assertInterval(WilsonInterval.of(1, 29), 0.0061, 0.1718, 5e-5);
    }

    @Test
    void fullPrecisionAgainstHandComputation() {
        assertInterval(WilsonInterval.of(81, 263), 0.2552885198782742, 0.36620957698280004, 1e-12);
        assertInterval(WilsonInterval.of(81, 263, 0.90), 0.2633136171884814, 0.35656634960848815, 1e-12);
        assertInterval(WilsonInterval.of(0, 10), 0.0, 0.2775327998628892, 1e-12);
        assertInterval(WilsonInterval.of(10, 10), 0.7224672001371107, 1.0, 1e-12);
    }

    @Test
    void edgeCases() {
        assertThat(WilsonInterval.of(0, 0)).isEqualTo(new Interval(0, 1));
        assertThat(WilsonInterval.of(0, 10).lower()).isEqualTo(0.0);
        assertThat(WilsonInterval.of(10, 10).upper()).isEqualTo(1.0);
        // symmetric: k/n and (n-k)/n mirror each other
        Interval a = WilsonInterval.of(3, 17);
        Interval b = WilsonInterval.of(14, 17);
        assertThat(a.lower()).isCloseTo(1 - b.upper(), within(1e-12));
        assertThat(a.upper()).isCloseTo(1 - b.lower(), within(1e-12));
        assertThatThrownBy(() -> WilsonInterval.of(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WilsonInterval.of(-1, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WilsonInterval.of(1, 4, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fewWorkersGiveAWideIntervalNotANarrowSafeOne() {
        assertThat(WilsonInterval.of(0, 3).upper()).isGreaterThan(0.5);
        assertThat(WilsonInterval.of(0, 300).upper()).isLessThan(0.02);
    }

    static void assertInterval(Interval actual, double lower, double upper, double tolerance) {
        assertThat(actual.lower()).as("lower").isCloseTo(lower, within(tolerance));
        assertThat(actual.upper()).as("upper").isCloseTo(upper, within(tolerance));
    }
}
