package org.hrdd.quality;

import java.util.ArrayList;
import java.util.List;
import org.hrdd.quality.QualityRule.Level;
import org.hrdd.schemas.Column;
import org.hrdd.schemas.Contract;

/**
 * Deequ rules generated from a contract. Error level: what row-level checks already enforce before silver
 * (required columns complete, allowed values, unique key, non-negative counts) — verified again on the written
 * table, so a failure means a bug, not bad data. Warning level: completeness of optional columns, recorded as
 * metrics to compare across runs.
 */
public final class ContractRules {

    private ContractRules() {}

    public static List<QualityRule> forContract(Contract contract) {
        List<QualityRule> rules = new ArrayList<>();
        if (!contract.primaryKey().isEmpty()) {
            rules.add(QualityRule.unique(Level.ERROR, contract.primaryKey()));
        }
        for (Column c : contract.businessColumns()) {
            if (c.required()) {
                rules.add(QualityRule.complete(Level.ERROR, c.name(), 1.0));
            } else {
                rules.add(QualityRule.complete(Level.WARNING, c.name(), 0.0));
            }
            if (!c.allowedValues().isEmpty()) {
                rules.add(QualityRule.allowed(Level.ERROR, c.name(), c.allowedValues(), 1.0));
            }
            if (c.minimum() != null && c.minimum() >= 0) {
                rules.add(QualityRule.nonNegative(Level.ERROR, c.name(), 1.0));
            }
        }
        return rules;
    }
}
