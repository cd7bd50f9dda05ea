package org.hrdd.refine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrdd.ingest.SourceMapping;

/**
 * The quality gate's limit per source system: a source's quarantined share of the rows in its mapping's scope may not
 * exceed its mapping's {@code max_quarantine_share}, else {@code quality.max_quarantine_share}, beyond sampling noise:
 * the gate stops silver when the share's 95 % Wilson lower bound is above the limit. A per-source share of a small
 * delivery swings with one row (two broken rows of the sample world's 29 SA8000 audits are 6.9 %, bound 1.9 %), while a
 * wholly quarantined source fails however small (1 row of 1: bound 20.7 %) and on thousands of rows the bound is
 * within a point of the share.
 *
 * @param defaultShare {@code quality.max_quarantine_share}
 * @param bySystem source system → its own limit
 * @param files source system → its mapping file, as the message names the setting
 */
public record QualityGate(double defaultShare, Map<String, Double> bySystem, Map<String, String> files) {

    public QualityGate {
        bySystem = Map.copyOf(bySystem);
        files = Map.copyOf(files);
    }

    /** One limit for every source. */
    public static QualityGate of(double defaultShare) {
        return new QualityGate(defaultShare, Map.of(), Map.of());
    }

    /** The default limit, and each mapping's own where it sets one. */
    public static QualityGate of(double defaultShare, List<SourceMapping> mappings) {
        Map<String, Double> limits = new LinkedHashMap<>();
        Map<String, String> files = new LinkedHashMap<>();
        for (SourceMapping m : mappings) {
            if (m.maxQuarantineShare() != null) {
                limits.put(m.system(), m.maxQuarantineShare());
                files.put(m.system(), m.displayName());
            }
        }
        return new QualityGate(defaultShare, limits, files);
    }

    public double limit(String system) {
        return bySystem.getOrDefault(system, defaultShare);
    }

    /** Where the limit is set, for the message. */
    public String setting(String system) {
        return bySystem.containsKey(system)
                ? "max_quarantine_share in " + files.get(system)
                : "quality.max_quarantine_share";
    }

    /** Whether the source's quarantined share is above its limit beyond sampling noise. */
    public boolean fails(String system, Refined.Accounting accounting) {
        return accounting.inScope() > 0
                && accounting.quarantineShare() > limit(system)
                && lowerBound(accounting) > limit(system);
    }

    /** The 95 % Wilson lower bound of the source's quarantined share, which the gate holds against the limit. */
    public static double lowerBound(Refined.Accounting accounting) {
        return org.hrdd.stats.WilsonInterval.of(accounting.defects(), accounting.inScope())
                .lower();
    }
}
