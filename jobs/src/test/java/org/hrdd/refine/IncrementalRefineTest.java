package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.config.AppConfig;
import org.hrdd.ingest.IngestJob;
import org.hrdd.run.Progress;
import org.hrdd.run.RunContext;
import org.hrdd.schemas.Columns;
import org.hrdd.schemas.Columns.BronzeSurveyResponse;
import org.hrdd.schemas.Columns.OpsQuarantine;
import org.hrdd.schemas.Columns.SilverWorkerContact;
import org.hrdd.schemas.Columns.SilverWorkerReach;
import org.hrdd.schemas.Columns.SilverWorkerSignal;
import org.hrdd.spark.DeltaTables;
import org.hrdd.spark.Lakehouse;
import org.hrdd.spark.SharedSpark;
import org.hrdd.testing.SampleLakehouse;
import org.hrdd.testing.SampleWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A late survey delivery on the refined sample lakehouse: the incremental refine touches only its records' keys, a
 * full refine of the same bronze on the same run date then finds nothing to change in any table (unchanged rows keep
 * the run that wrote them), and a refine after it, on the same bronze and run date, has nothing to refine and writes
 * nothing.
 */
class IncrementalRefineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SYNCED = List.of("silver.worker_signal", "silver.worker_contact",
            "silver.worker_reach", "ops.quarantine", "ops.facility_matches", "silver.remediation");

    @TempDir
    Path tmp;

    @Test
    void anIncrementalRefineWritesWhatAFullRefineWould() throws IOException {
        SparkSession spark = SharedSpark.session();
        Path lh = SampleLakehouse.copyTo(tmp.resolve("lh"));
        AppConfig cfg = SampleLakehouse.config().withLakehouse(lh.toString());
        Lakehouse lakehouse = new Lakehouse(lh.toString());
        RefineJob.Config config = RefineJob.Config.of(cfg, SampleLakehouse.KEY);
        if (RefineBasis.load(spark, lakehouse) == null) {
            // another test refined the shared lakehouse and failed its gate on purpose: record a basis first
            new RefineJob(config.fullRefine(), Progress.silent()).run(spark, context("r-basis", SampleLakehouse.RUN_DATE, cfg));
        }
        long surveyBronzeBefore = spark.read().format("delta").load(lakehouse.tablePath(BronzeSurveyResponse.TABLE)).count();
        Map<String, Long> before = versions(spark, lakehouse);

        Late late = lateDelivery(tmp.resolve("late"));
        // the reach cell the ten leaving responses counted in, and how many of them were contacts there
        Dataset<Row> leavingContacts = spark.read().format("delta").load(lakehouse.tablePath(SilverWorkerContact.TABLE))
                .filter(col(SilverWorkerContact.SOURCE_RECORD_ID).isin(late.leftSite().toArray()));
        List<Row> cell = leavingContacts.groupBy(SilverWorkerContact.FACILITY_ID, SilverWorkerContact.PERIOD,
                SilverWorkerContact.CHANNEL).count().collectAsList();
        assertThat(cell).as("the leaving responses share one reach cell").hasSize(1);
        long leavingThere = cell.get(0).getLong(3);
        org.apache.spark.sql.Column theCell = col(SilverWorkerReach.FACILITY_ID).equalTo(cell.get(0).getString(0))
                .and(col(SilverWorkerReach.PERIOD).equalTo(cell.get(0).getString(1)))
                .and(col(SilverWorkerReach.CHANNEL).equalTo(cell.get(0).getString(2)));
        long contactsBefore = spark.read().format("delta").load(lakehouse.tablePath(SilverWorkerReach.TABLE))
                .filter(theCell).first().<Long>getAs(SilverWorkerReach.CONTACTS);
        new IngestJob(IngestJob.Config.of(tmp.resolve("late"), cfg), Progress.silent())
                .run(spark, context("r-late-ingest", SampleLakehouse.RUN_DATE, cfg));
        LocalDate later = SampleLakehouse.RUN_DATE.plusDays(20);
        RefineResult inc = new RefineJob(config, Progress.silent()).run(spark, context("r-incremental", later, cfg));

        assertThat(inc.incremental()).as(inc.plan()).isTrue();
        assertThat(inc.plan()).contains("FUTURE_DATE rows checked again");
        // the small sources' bronze did not change and no date of theirs reached the new run date: all are carried
        // over; open corrective actions fell due between the two run dates, and only their overdue flag is set
        assertThat(IncrementalRefine.overdueTurns(spark, lakehouse, SampleLakehouse.RUN_DATE, later)).isTrue();
        assertThat(inc.plan()).endsWith("; carried over unchanged: " + String.join(", ", SMALL) + " (open actions falling"
                + " due since " + SampleLakehouse.RUN_DATE + " marked overdue)");
        assertThat(inc.accounting()).doesNotContainKeys(SMALL.toArray(String[]::new));
        assertThat(inc.versionsWritten().get("silver.remediation")).as("overdue flags set")
                .isEqualTo(before.get("silver.remediation") + 1);
        Refined.Accounting survey = inc.accounting().get(BronzeSurveyResponse.TABLE);
        // the late file's lines, the earlier versions of the re-exported ones, and the sample's FUTURE_DATE responses
        assertThat(survey.bronzeRows()).isGreaterThanOrEqualTo(late.lines() + late.reexported())
                .isLessThan(surveyBronzeBefore / 10);
        assertThat(survey.superseded()).isGreaterThanOrEqualTo(late.reexported());
        for (String t : List.of("silver.worker_signal", "silver.worker_contact", "silver.worker_reach", "ops.quarantine")) {
            assertThat(inc.versionsWritten().get(t)).as(t + " changed").isGreaterThan(before.get(t));
        }
        Dataset<Row> quarantine = spark.read().format("delta").load(lakehouse.tablePath(OpsQuarantine.TABLE))
                .filter(col(OpsQuarantine.SOURCE_FILE).equalTo(late.file()));
        assertThat(quarantine.filter(col(OpsQuarantine.REASON).equalTo(RefineSteps.BROKEN_RECORD)).count()).isEqualTo(1);
        assertThat(quarantine.filter(col(OpsQuarantine.REASON).equalTo(SourceDates.FUTURE_DATE)).count()).isEqualTo(1);
        assertThat(quarantine.filter(col(OpsQuarantine.REASON).equalTo(RefineSteps.CONSENT_WITHDRAWN)).count())
                .isEqualTo(late.withdrawn());
        // the response dated between the two run dates is a contact now
        assertThat(spark.read().format("delta").load(lakehouse.tablePath(SilverWorkerContact.TABLE))
                .filter(col(SilverWorkerContact.SOURCE_RECORD_ID).equalTo(late.soonId())).count()).isEqualTo(1);

        // hand-counted: the cell lost exactly the leaving contacts, and gained none
        assertThat(spark.read().format("delta").load(lakehouse.tablePath(SilverWorkerReach.TABLE)).filter(theCell).first()
                .<Long>getAs(SilverWorkerReach.CONTACTS)).isEqualTo(contactsBefore - leavingThere);

        RefineResult full = new RefineJob(config.fullRefine(), Progress.silent()).run(spark, context("r-full", later, cfg));
        assertThat(full.incremental()).isFalse();
        assertThat(full.plan()).isEqualTo("full: asked for a full refine");
        assertThat(full.versionsWritten().keySet()).containsAll(SYNCED).isEqualTo(inc.versionsWritten().keySet());
        // no table, synced or rewritten whole, has anything to change: only the per-run metrics log grows
        assertUnchanged(full, inc, "the full refine");
        assertThat(full.versionsWritten().get(QUALITY_METRICS)).isEqualTo(inc.versionsWritten().get(QUALITY_METRICS) + 1);
        assertThat(full.silverRows()).isEqualTo(inc.silverRows());
        assertThat(full.versionsRead()).isEqualTo(inc.versionsRead());
        // unchanged rows keep the run that wrote them: none carries the full refine's run id
        for (String t : full.silverRows().keySet()) {
            assertThat(spark.read().format("delta").load(lakehouse.tablePath(t)).filter(col("_run_id").equalTo("r-full"))
                    .count()).as(t).isZero();
        }
        // and the reach rows agree with their contacts (recomputed here from scratch)
        Dataset<Row> contacts = spark.read().format("delta").load(lakehouse.tablePath(SilverWorkerContact.TABLE));
        Dataset<Row> reach = spark.read().format("delta").load(lakehouse.tablePath(SilverWorkerReach.TABLE));
        assertThat(reach.drop("_run_id").except(WorkerReach.compute(contacts,
                org.hrdd.schemas.ContractLoader.loadAll().get(SilverWorkerReach.TABLE), "x").drop("_run_id")).count()).isZero();

        // The next refine on the same bronze and run date finds the full one's basis (it recorded one) equal to its
        // own: nothing to refine, and nothing written, the metrics log included.
        RefineResult third = new RefineJob(config, Progress.silent()).run(spark, context("r-third", later, cfg));
        assertThat(third.incremental()).as(third.plan()).isTrue();
        assertThat(third.plan()).startsWith("incremental: nothing to refine");
        assertThat(third.accounting()).isEmpty();
        assertThat(third.versionsWritten()).isEmpty();
        assertThat(third.versionsRead()).isEqualTo(full.versionsRead());
        full.versionsWritten().forEach((table, version) -> assertThat(DeltaTables.version(spark, lakehouse.tablePath(table)))
                .as(table).isEqualTo(version));

        assertCarriedOver(spark, lakehouse, config, later);

        // A refine on the day the first open action falls due (nothing new in bronze; the run date moved on): every
        // small source is carried over, actions included (none turns overdue before the next day), and a full refine
        // on that day finds nothing to change
        LocalDate due = firstDue(spark, lakehouse, later);
        RefineResult onDue = new RefineJob(config, Progress.silent()).run(spark, context("r-on-due", due, cfg));
        assertThat(onDue.plan()).endsWith("; carried over unchanged: " + String.join(", ", SMALL));
        assertThat(onDue.accounting()).doesNotContainKeys(SMALL.toArray(String[]::new));
        RefineResult fullOnDue = new RefineJob(config.fullRefine(), Progress.silent()).run(spark,
                context("r-full-on-due", due, cfg));
        assertUnchanged(fullOnDue, onDue, "the full refine on the due date");

        // The late file exported again under the same name with one line changed (another checksum, so ingested
        // again): its rows share (system, file, row) with the first delivery's, and the next refine must be full.
        Path again = tmp.resolve("again");
        Path file = again.resolve(late.file());
        Files.createDirectories(file.getParent());
        List<String> lines = new ArrayList<>(Files.readAllLines(tmp.resolve("late").resolve(late.file()), StandardCharsets.UTF_8));
        lines.set(0, lines.get(0).replace("-late\"", "-late-corrected\""));
        Files.write(file, lines, StandardCharsets.UTF_8);
        new IngestJob(IngestJob.Config.of(again, cfg), Progress.silent()).run(spark, context("r-again-ingest", due, cfg));
        Map<String, Long> read = new java.util.LinkedHashMap<>();
        Map<String, Dataset<Row>> bronze = DeltaTables.readCurrent(spark, lakehouse, List.of("bronze.facility",
                "bronze.brand_facility", "bronze.audit", "bronze.audit_finding", "bronze.helpline_case",
                "bronze.survey_question", "bronze.survey_response", "bronze.cap"), read, "ingest");
        RefineBasis basis = RefineBasis.load(spark, lakehouse);
        IncrementalRefine.Plan plan = IncrementalRefine.plan(spark, lakehouse, basis, new RefineBasis(read, basis.configHash(),
                basis.codeVersion(), basis.keyFingerprint(), due), bronze, new SourceDatesUdf(config.dateFormats(), due));
        assertThat(plan.incremental()).isFalse();
        assertThat(plan.reason()).isEqualTo("bronze.survey_response: " + late.file()
                + " was ingested more than once under the same name");

        // a bronze table that is another Delta table than the one the last refine read (same version, other id)
        Map<String, String> otherIds = new java.util.LinkedHashMap<>(basis.bronzeIds());
        assertThat(otherIds).containsOnlyKeys(read.keySet());
        otherIds.put("bronze.audit", "another-table-id");
        assertThat(IncrementalRefine.fullReason(spark, lakehouse, basis.withBronzeIds(otherIds), basis, bronze))
                .isEqualTo("bronze.audit is another Delta table than the one the last refine read (its table id changed:"
                        + " the folder was replaced, e.g. ingested anew or restored from a backup)");

        // silver.worker_signal restored by hand to an earlier version: the basis (which recorded the version the full
        // refine left it at) no longer describes it, so neither "nothing to refine" nor an incremental refine
        String signalPath = lakehouse.tablePath(SilverWorkerSignal.TABLE);
        long signalAt = DeltaTables.version(spark, signalPath);
        assertThat(basis.outputTables()).containsOnlyKeys(IncrementalRefine.TRACKED);
        assertThat(basis.outputTables().get(SilverWorkerSignal.TABLE).version()).isEqualTo(signalAt);
        assertThat(IncrementalRefine.nothingToRefine(spark, lakehouse, basis, basis)).isTrue();
        io.delta.tables.DeltaTable.forPath(spark, signalPath).restoreToVersion(signalAt - 1);
        assertThat(IncrementalRefine.nothingToRefine(spark, lakehouse, basis, basis)).isFalse();
        assertThat(IncrementalRefine.fullReason(spark, lakehouse, basis, basis, bronze)).isEqualTo("silver.worker_signal"
                + " is at version " + (signalAt + 1) + ", not at version " + signalAt
                + " where the last refine left it (changed by something else, e.g. a Delta RESTORE)");

        // A table a refine writes deleted by hand (here after this process read it): whatever the basis says, neither
        // "nothing to refine" nor an incremental refine, which would rebuild only part of it.
        try (java.util.stream.Stream<Path> files = Files.walk(Path.of(lakehouse.tablePath(SilverWorkerReach.TABLE)))) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
        assertThat(IncrementalRefine.fullReason(spark, lakehouse, basis, basis, bronze))
                .isEqualTo("silver.worker_reach is missing (an incremental refine would rebuild only part of it)");
        // ... and another table put in its place with as many commits (an older backup, say): its version is the
        // recorded one, its Delta table id is not
        String reachPath = lakehouse.tablePath(SilverWorkerReach.TABLE);
        Dataset<Row> tiny = spark.range(1).toDF("x");
        for (long v = 0; v <= basis.outputTables().get(SilverWorkerReach.TABLE).version(); v++) {
            tiny.write().format("delta").mode("append").save(reachPath);
        }
        assertThat(DeltaTables.version(spark, reachPath)).isEqualTo(basis.outputTables().get(SilverWorkerReach.TABLE).version());
        // (a basis that also took the restored signal table as it is now, so that only the reach table differs)
        Map<String, DeltaTables.State> asNow = new java.util.LinkedHashMap<>(basis.outputTables());
        asNow.put(SilverWorkerSignal.TABLE, DeltaTables.state(spark, signalPath));
        RefineBasis restored = basis.withOutputTables(asNow);
        assertThat(IncrementalRefine.fullReason(spark, lakehouse, restored, restored, bronze)).isEqualTo("silver.worker_reach is"
                + " another Delta table than the one the last refine left (its table id changed: the folder was replaced,"
                + " e.g. restored from a backup)");
    }

    private static final List<String> SMALL = List.of("bronze.facility", "bronze.brand_facility", "bronze.audit",
            "bronze.audit_finding", "bronze.cap");

    /**
     * Which small sources an incremental refine carries over ({@link IncrementalRefine#carried}), on the tables a
     * refine on {@code runDate} left, for later run dates.
     */
    private static void assertCarriedOver(SparkSession spark, Lakehouse lakehouse, RefineJob.Config config, LocalDate runDate) {
        RefineBasis left = RefineBasis.load(spark, lakehouse);
        assertThat(IncrementalRefine.carried(spark, lakehouse, left, left, new SourceDatesUdf(config.dateFormats(), runDate)))
                .as("same run date").isEqualTo(SMALL);
        // audits read since the last refine's: refined again, and so are the findings, which read the audits' silver
        Map<String, Long> older = new java.util.LinkedHashMap<>(left.bronzeVersions());
        older.put("bronze.audit", older.get("bronze.audit") - 1);
        RefineBasis auditsBefore = new RefineBasis(older, left.configHash(), left.codeVersion(), left.keyFingerprint(),
                runDate, left.outputTables(), left.bronzeIds());
        assertThat(IncrementalRefine.carried(spark, lakehouse, auditsBefore, left, new SourceDatesUdf(config.dateFormats(),
                runDate))).containsExactly("bronze.facility", "bronze.brand_facility", "bronze.cap");
        // an open action falls due: its overdue flag turns on the next run date after that day, not on that day
        LocalDate due = firstDue(spark, lakehouse, runDate);
        assertThat(IncrementalRefine.overdueTurns(spark, lakehouse, runDate, due)).isFalse();
        assertThat(IncrementalRefine.overdueTurns(spark, lakehouse, runDate, due.plusDays(1))).isTrue();
        assertThat(IncrementalRefine.carried(spark, lakehouse, left, at(left, due), new SourceDatesUdf(config.dateFormats(), due)))
                .as("the run date moved on to the day the action falls due").isEqualTo(SMALL);
        assertThat(IncrementalRefine.carried(spark, lakehouse, left, at(left, due.plusDays(1)),
                new SourceDatesUdf(config.dateFormats(), due.plusDays(1)))).as("a day later (flags set, rows carried)")
                .isEqualTo(SMALL);
        // A date quarantined as FUTURE_DATE is no longer in the future once the run date reaches it. The sample's
        // earliest such date of a small source is a corrective action's (ISO text); on a (pretended) basis a day before
        // it, where no open action falls due, the actions are carried over up to that day and refined from it.
        Row first = spark.read().format("delta").load(lakehouse.tablePath(OpsQuarantine.TABLE))
                .filter(col(OpsQuarantine.REASON).equalTo(SourceDates.FUTURE_DATE)
                        .and(col(OpsQuarantine.TABLE_NAME).isin(SMALL.toArray())))
                .orderBy(OpsQuarantine.DETAIL).select(OpsQuarantine.TABLE_NAME, OpsQuarantine.DETAIL).first();
        assertThat(first.getString(0)).isEqualTo("bronze.cap");
        LocalDate reached = LocalDate.parse(SourceDates.futureValues(first.getString(1)).get(0));
        LocalDate before = reached.minusDays(2);
        assertThat(IncrementalRefine.overdueTurns(spark, lakehouse, before, reached.plusDays(1))).isFalse();
        assertThat(IncrementalRefine.carried(spark, lakehouse, at(left, before), at(left, reached.minusDays(1)),
                new SourceDatesUdf(config.dateFormats(), reached.minusDays(1)))).isEqualTo(SMALL);
        assertThat(IncrementalRefine.carried(spark, lakehouse, at(left, before), at(left, reached),
                new SourceDatesUdf(config.dateFormats(), reached))).isEqualTo(SMALL.subList(0, 4));
    }

    /** The first day on or after {@code from} on which an action open in silver falls due. */
    private static LocalDate firstDue(SparkSession spark, Lakehouse lakehouse, LocalDate from) {
        return spark.read().format("delta").load(lakehouse.tablePath("silver.remediation"))
                .filter(col("closed_on").isNull().and(col("due_on").geq(java.sql.Date.valueOf(from))))
                .agg(org.apache.spark.sql.functions.min("due_on")).first().getDate(0).toLocalDate();
    }

    /** The same basis on another run date. */
    private static RefineBasis at(RefineBasis b, LocalDate runDate) {
        return new RefineBasis(b.bronzeVersions(), b.configHash(), b.codeVersion(), b.keyFingerprint(), runDate,
                b.outputTables(), b.bronzeIds());
    }

    private static final String QUALITY_METRICS = "ops.quality_metrics";

    /** Every table {@code later} wrote is at the version {@code earlier} left it, but the per-run metrics log. */
    private static void assertUnchanged(RefineResult later, RefineResult earlier, String what) {
        earlier.versionsWritten().forEach((table, version) -> {
            if (!table.equals(QUALITY_METRICS)) {
                assertThat(later.versionsWritten().get(table)).as(table + ": " + what + " found something to change")
                        .isEqualTo(version);
            }
        });
    }

    private static RunContext context(String runId, LocalDate date, AppConfig cfg) {
        return new RunContext(runId, "refine", List.of(), date, cfg, "test");
    }

    private static Map<String, Long> versions(SparkSession spark, Lakehouse lh) {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        for (String t : SYNCED) {
            m.put(t, DeltaTables.version(spark, lh.tablePath(t)));
        }
        return m;
    }

    /** What the late file holds. */
    record Late(String file, int lines, int reexported, int withdrawn, String soonId, List<String> leftSite) {
    }

    /**
     * A late file of the last quarter's survey platform export: 30 new responses from new respondents, 20 earlier
     * responses re-exported (10 unchanged, 5 with another response's answers, 5 moved to another response's site),
     * 5 re-exported with aggregate consent withdrawn, one broken line, one response dated between the two run dates
     * and one dated after both.
     */
    private static Late lateDelivery(Path dir) throws IOException {
        Path source = SampleWorld.exports().resolve("survey/responses_2026Q3_01.jsonl");
        List<ObjectNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(source, StandardCharsets.UTF_8)) {
            try {
                rows.add((ObjectNode) JSON.readTree(line));
            } catch (IOException | ClassCastException e) {
                // the export's own broken lines are not needed here
            }
        }
        List<ObjectNode> consenting = rows.stream().filter(r -> r.path("response_id").isTextual()
                && !r.path("site_os_id").asText("").isBlank()
                && r.path("consent").toString().contains("aggregate_reporting")).toList();
        // the site with the most responses loses ten of them (five move away, five withdraw consent) and gets none:
        // its reach cell is touched only through the contacts it had before
        String site = consenting.stream().collect(java.util.stream.Collectors.groupingBy(r -> r.get("site_os_id").asText(),
                java.util.stream.Collectors.counting())).entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        List<ObjectNode> leaving = consenting.stream().filter(r -> r.get("site_os_id").asText().equals(site)).toList();
        List<ObjectNode> others = consenting.stream().filter(r -> !r.get("site_os_id").asText().equals(site)).toList();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ObjectNode n = others.get(i).deepCopy();
            n.put("response_id", n.get("response_id").asText() + "L");
            n.put("respondent", n.path("respondent").asText() + "-late");
            out.add(n.toString());
        }
        for (int i = 30; i < 40; i++) {
            out.add(others.get(i).toString());
        }
        for (int i = 40; i < 45; i++) {
            ObjectNode n = others.get(i).deepCopy();
            n.set("answers", others.get(i + 100).get("answers"));
            out.add(n.toString());
        }
        List<String> left = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ObjectNode n = leaving.get(i).deepCopy();
            ObjectNode other = others.get(i + 200);
            for (String f : List.of("site_os_id", "site_name", "site_country")) {
                n.set(f, other.get(f));
            }
            out.add(n.toString());
            left.add(n.get("response_id").asText());
        }
        for (int i = 5; i < 10; i++) {
            ObjectNode n = leaving.get(i).deepCopy();
            n.set("consent", JSON.createArrayNode());
            out.add(n.toString());
            left.add(n.get("response_id").asText());
        }
        out.add("{\"response_id\":\"LATE-BROKEN\",\"survey_id\":");
        ObjectNode soon = others.get(60).deepCopy();
        soon.put("response_id", "LATE-SOON");
        soon.put("respondent", "late-soon-respondent");
        soon.put("submitted", SampleLakehouse.RUN_DATE.plusDays(10) + "T09:00:00+07:00");
        out.add(soon.toString());
        ObjectNode far = others.get(61).deepCopy();
        far.put("response_id", "LATE-FAR");
        far.put("respondent", "late-far-respondent");
        far.put("submitted", SampleLakehouse.RUN_DATE.plusDays(60) + "T09:00:00+07:00");
        out.add(far.toString());
        String name = "survey/responses_2026Q3_99.jsonl";
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, out, StandardCharsets.UTF_8);
        return new Late(name, out.size(), 25, 5, "LATE-SOON", left);
    }
}
