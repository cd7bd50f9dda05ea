package org.hrdd.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.hrdd.config.AppConfig;
import org.hrdd.config.ConfigLoader;
import org.hrdd.ingest.IngestJob;
import org.hrdd.ingest.IngestResult;
import org.hrdd.refine.Pseudonymiser;
import org.hrdd.refine.RefineJob;
import org.hrdd.refine.RefineResult;
import org.hrdd.run.Progress;
import org.hrdd.run.RunContext;
import org.hrdd.spark.SharedSpark;

/**
 * The sample world ingested and refined once per test JVM, on the generator's export date (so every date the
 * generator calls "after the export" is a future date). Tests read it; tests that change a lakehouse make their own.
 *
 * <p>The build puts it in {@code jobs/target/sample-lakehouse} (system property {@code hrdd.sample.lakehouse}, to look
 * at after a run); every test JVM starts it afresh.
 */
public final class SampleLakehouse {

    /** The export date of the default world file (conf/world.yaml). */
    public static final LocalDate RUN_DATE = LocalDate.of(2026, 10, 15);

    public static final byte[] KEY_BYTES = "sample-lakehouse-test-key-0123456789".getBytes(StandardCharsets.UTF_8);
    public static final Pseudonymiser KEY = new Pseudonymiser(KEY_BYTES);

    private static AppConfig config;
    private static IngestResult ingest;
    private static RefineResult refine;
    private static org.hrdd.analyse.AnalyseJob.Result analyse;
    private static org.hrdd.score.ScoreJob.Result score;
    private static org.hrdd.indicators.IndicatorsJob.Result indicators;

    /** The last quarter of the sample world. */
    public static final String LAST_PERIOD = "2026-Q3";

    private SampleLakehouse() {}

    public static synchronized AppConfig config() {
        if (config == null) {
            try {
                String fixed = System.getProperty("hrdd.sample.lakehouse");
                Path lh;
                if (fixed == null) {
                    lh = Files.createTempDirectory("hrdd-sample-lakehouse");
                } else {
                    lh = Path.of(fixed);
                    org.hrdd.reports.output.StagedDirectory.deleteTree(lh);
                    Files.createDirectories(lh);
                }
                config = ConfigLoader.load(SampleWorld.conf()).withLakehouse(lh.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return config;
    }

    public static RunContext context(String runId, String command) {
        return new RunContext(runId, command, List.of(), RUN_DATE, config(), "test");
    }

    public static synchronized IngestResult ingested() {
        if (ingest == null) {
            ingest = new IngestJob(IngestJob.Config.of(SampleWorld.exports(), config()), Progress.silent())
                    .run(SharedSpark.session(), context("r-ingest", "ingest"));
        }
        return ingest;
    }

    public static synchronized RefineResult refined() {
        if (refine == null) {
            ingested();
            refine = new RefineJob(RefineJob.Config.of(config(), KEY), Progress.silent())
                    .run(SharedSpark.session(), context("r-refine", "refine"));
        }
        return refine;
    }

    /** The sample lakehouse analysed for {@link #LAST_PERIOD}, every period written (gold tables in place). */
    public static synchronized org.hrdd.analyse.AnalyseJob.Result analysed() {
        if (analyse == null) {
            refined();
            analyse = new org.hrdd.analyse.AnalyseJob(
                            org.hrdd.analyse.AnalyseJob.Config.of(config()), Progress.silent())
                    .run(SharedSpark.session(), context("r-analyse", "analyse"), LAST_PERIOD, true);
        }
        return analyse;
    }

    /** The analysed sample lakehouse scored for {@link #LAST_PERIOD}, every period written. */
    public static synchronized org.hrdd.score.ScoreJob.Result scored() {
        if (score == null) {
            analysed();
            score = new org.hrdd.score.ScoreJob(org.hrdd.score.ScoreJob.Config.of(config()), Progress.silent())
                    .run(SharedSpark.session(), context("r-score", "score"), LAST_PERIOD, true, null);
        }
        return score;
    }

    /** The scored sample lakehouse with gold.indicator_value for {@link #LAST_PERIOD}. */
    public static synchronized org.hrdd.indicators.IndicatorsJob.Result indicators() {
        if (indicators == null) {
            scored();
            indicators = new org.hrdd.indicators.IndicatorsJob(
                            org.hrdd.indicators.IndicatorsJob.Config.of(config()), Progress.silent())
                    .run(SharedSpark.session(), context("r-indicators", "indicators"), LAST_PERIOD);
        }
        return indicators;
    }

    /** The lakehouse with every step through {@link #indicators()} done. */
    public static synchronized Path complete() {
        indicators();
        return Path.of(config().lakehouse());
    }

    /** A copy of the refined sample lakehouse, for tests that change it (Delta tables move with their folder). */
    public static Path copyTo(Path target) throws IOException {
        refined();
        return copyTree(Path.of(config().lakehouse()), target);
    }

    /** Copies any folder tree (e.g. conf/ for a test that edits it). */
    public static Path copyTree(Path from, Path target) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = target.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return target;
    }

    public static String table(String qualifiedName) {
        return context("x", "x").lakehouse().tablePath(qualifiedName);
    }
}
