package org.hrdd.cli;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.hrdd.analyse.AnalyseJob;
import org.hrdd.run.RunHistory;
import org.hrdd.run.TableComparison;
import org.hrdd.spark.Lakehouse;

/** Test access to {@code hrdd reproduce}'s recomputation of an analyse run (package-private in the CLI). */
public final class ReproduceAccess {

    private ReproduceAccess() {}

    public static List<TableComparison.Outcome> analyse(
            SparkSession spark, Lakehouse lh, AnalyseJob.Config config, RunHistory.Recorded run) {
        return ReproduceCommand.reproduceAnalyse(spark, lh, config, run);
    }
}
