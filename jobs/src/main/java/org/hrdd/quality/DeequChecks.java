package org.hrdd.quality;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.constraints.ConstraintResult;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Option;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction1;

/**
 * The one place that talks to Deequ (Scala). Callers describe checks as plain Java {@link QualityRule}s and get
 * plain Java {@link QualityOutcome}s back; no Scala type leaks out of this class.
 */
public final class DeequChecks {

    private DeequChecks() {}

    /** Runs every rule as its own Deequ check (one verification pass over the data) and returns one outcome each. */
    public static List<QualityOutcome> verify(Dataset<Row> data, List<QualityRule> rules) {
        return rules.isEmpty() ? List.of() : verifyCounting(data, rules).outcomes();
    }

    /** The outcome of each rule, in the rules' order, and the number of rows checked. */
    public record Verification(List<QualityOutcome> outcomes, long rows) {}

    /**
     * As {@link #verify}, and counts the rows in the same pass (Deequ's Size analyzer shares the scan of the other
     * scanning checks), so a caller that needs the count does not run another query for it.
     */
    public static Verification verifyCounting(Dataset<Row> data, List<QualityRule> rules) {
        List<Check> checks = new ArrayList<>();
        for (QualityRule r : rules) {
            checks.add(toCheck(r));
        }
        Size size = new Size(Option.empty());
        @SuppressWarnings({"unchecked", "rawtypes"})
        com.amazon.deequ.analyzers.Analyzer<?, com.amazon.deequ.metrics.Metric<?>> sizeAnalyzer =
                (com.amazon.deequ.analyzers.Analyzer) size;
        VerificationResult result = new VerificationSuite()
                .onData(data)
                .addChecks(seq(checks))
                .addRequiredAnalyzer(sizeAnalyzer)
                .run();
        Map<Check, CheckResult> byCheck =
                JavaConverters.mapAsJavaMapConverter(result.checkResults()).asJava();
        Option<com.amazon.deequ.metrics.Metric<?>> counted = result.metrics().get(sizeAnalyzer);
        // a failed scan shows in the outcomes (their metrics failed too); the count is then taken on its own
        long rows = counted.isEmpty() || counted.get().value().isFailure()
                ? data.count()
                : Math.round(((Number) counted.get().value().get()).doubleValue());
        List<QualityOutcome> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            CheckResult cr = byCheck.get(checks.get(i));
            QualityOutcome o = outcome(rules.get(i), cr);
            // an empty table (a source kind no mapping feeds) breaks no rule about its values; Deequ reports its
            // value analyzers' empty state as a failure (a rule on the row count itself still fails)
            if (rows == 0 && !o.passed() && o.message() != null && o.message().startsWith("Empty state for analyzer")) {
                o = new QualityOutcome(rules.get(i), true, null, "no rows");
            }
            out.add(o);
        }
        return new Verification(out, rows);
    }

    private static QualityOutcome outcome(QualityRule rule, CheckResult cr) {
        boolean passed = cr.status().toString().equals("Success");
        String message = null;
        Double metric = null;
        for (ConstraintResult c :
                JavaConverters.seqAsJavaListConverter(cr.constraintResults()).asJava()) {
            if (c.message().isDefined()) {
                message = c.message().get();
            }
            if (c.metric().isDefined() && c.metric().get().value().isSuccess()) {
                Object v = c.metric().get().value().get();
                if (v instanceof Number n) {
                    metric = n.doubleValue();
                }
            }
        }
        return new QualityOutcome(rule, passed, metric, message);
    }

    private static Check toCheck(QualityRule r) {
        Check check = new Check(
                r.level() == QualityRule.Level.ERROR ? CheckLevel.Error() : CheckLevel.Warning(),
                r.name(),
                seq(List.<com.amazon.deequ.constraints.Constraint>of()));
        Option<String> none = Option.empty();
        return switch (r.kind()) {
            case COMPLETE -> check.hasCompleteness(r.column(), atLeast(r.threshold()), none, Option.empty());
            case UNIQUE -> check.isPrimaryKey(r.column(), seq(r.otherColumns()));
            case ALLOWED_VALUES -> check.isContainedIn(
                    r.column(), r.allowedValues().toArray(String[]::new), atLeast(r.threshold()), none);
            case NON_NEGATIVE -> check.isNonNegative(r.column(), atLeast(r.threshold()), none);
            case ROW_COUNT_AT_LEAST -> check.hasSize(atLeast(r.threshold()), none);
        };
    }

    private static <T> scala.collection.Seq<T> seq(List<T> list) {
        return JavaConverters.asScalaBufferConverter(list).asScala().toSeq();
    }

    private static AbstractFunction1<Object, Object> atLeast(double threshold) {
        return new AtLeast(threshold);
    }

    /** Serializable assertion {@code value >= threshold} (Deequ ships assertions to executors). */
    private static final class AtLeast extends AbstractFunction1<Object, Object> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final double threshold;

        AtLeast(double threshold) {
            this.threshold = threshold;
        }

        @Override
        public Object apply(Object value) {
            return ((Number) value).doubleValue() >= threshold;
        }
    }
}
