package org.hrdd.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hrdd.reports.output.StagedDirectory;

/**
 * Entry point of the synthetic-data generator: builds the world, simulates facilities in
 * parallel chunks and writes every source export plus the truth. Same tier + seed + world file
 * gives byte-identical files. See README.md in this package for the model.
 */
public final class Generator {
    private Generator() {}

    static final int CHUNK = 16;

    @SuppressWarnings("try") // exports, CAP log and bad-row log are closed early (idempotent) to finish the truth
    public static GenerateResult run(GeneratorSpec spec, Consumer<String> progress) throws IOException {
        long t0 = System.nanoTime();
        World world = World.load(spec.worldFile());
        Taxonomy tax = Taxonomy.load(spec.taxonomyDir());
        World.Tier tier = world.tier(spec.tier());
        Path out = spec.outDir();
        Path exportsDir = out.resolve("exports");
        Path truthDir = out.resolve("truth");
        StagedDirectory.deleteTree(exportsDir);
        StagedDirectory.deleteTree(truthDir);
        Files.createDirectories(exportsDir);
        Files.createDirectories(truthDir);

        FacilityFactory factory = new FacilityFactory(world, spec.seed());
        Simulator sim = new Simulator(world, tax, tier, spec.seed(), factory);
        factory.build(tier.facilities(), sim.qStart[0], sim.qStart[sim.quarterCount].minusDays(1));
        progress.accept(String.format(
                Locale.ROOT,
                "world: %d facilities of %d suppliers, %d brand links",
                factory.facilities.size(),
                factory.facilities.stream().map(f -> f.supplierId).distinct().count(),
                factory.links.size()));

        Map<String, Long> rows = new TreeMap<>();
        long helpline = 0, survey = 0;
        int n = factory.facilities.size();
        double[][] burden = new double[n][];
        try (BadRows bad = new BadRows(truthDir.resolve("bad_rows.csv"));
                Exports exports = new Exports(
                        exportsDir,
                        tier.rowsPerFile(),
                        spec.seed(),
                        world.defects().brokenQuotingFileShare(),
                        bad);
                CapLog caps = new CapLog(exportsDir, tier.rowsPerFile(), bad);
                BufferedWriter prevalence = truthWriter(
                        truthDir,
                        "facility_theme_prevalence.csv",
                        "facility_id,theme,period,true_prevalence,expected_report_rate,is_high_risk,workers_reached");
                BufferedWriter remediation = truthWriter(
                        truthDir,
                        "remediation.csv",
                        "cap_id,is_effective,facility_id,theme,prevalence_reduction,effective_from");
                BufferedWriter aliases = truthWriter(truthDir, "facility_aliases.csv", "alias,facility_id,kind")) {
            writeSuppliers(world, factory, exports, spec.seed());
            writeCatalogue(sim, exports);

            int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
            ExecutorService pool = Executors.newFixedThreadPool(threads, rng -> {
                Thread th = new Thread(rng, "hrdd-generate");
                th.setDaemon(true);
                return th;
            });
            try {
                Deque<Future<List<Simulator.Out>>> window = new ArrayDeque<>();
                int next = 0, done = 0, lastReport = -1;
                while (done < n) {
                    while (next < n && window.size() < threads * 3) {
                        int from = next, to = Math.min(n, next + CHUNK);
                        window.add(pool.submit(() -> {
                            List<Simulator.Out> outs = new ArrayList<>(to - from);
                            for (int i = from; i < to; i++) outs.add(sim.simulate(factory.facilities.get(i)));
                            return outs;
                        }));
                        next = to;
                    }
                    List<Simulator.Out> chunk = window.poll().get();
                    for (Simulator.Out o : chunk) {
                        for (Simulator.Out.Emit e : o.emits) exports.add(e.def(), e.label(), e.row());
                        for (CapLog.CapRow c : o.caps) caps.add(c);
                        prevalence.write(o.prevalence.toString());
                        remediation.write(o.remediation.toString());
                        aliases.write(o.aliases.toString());
                        burden[done++] = o.burden;
                        helpline += o.helplineCases;
                        survey += o.surveyResponses;
                    }
                    int pct = (int) (100L * done / n);
                    if (pct / 10 != lastReport) {
                        lastReport = pct / 10;
                        progress.accept(String.format(
                                Locale.ROOT, "facilities %d/%d, worker-voice records %d", done, n, helpline + survey));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("generation interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) throw io;
                if (e.getCause() instanceof RuntimeException re) throw re;
                throw new IOException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
            exports.close();
            caps.close();
            rows.putAll(exports.rowsPerPath);
            rows.putAll(caps.rowsPerPath);
            bad.close();
            rows.put("truth/bad_rows.csv", bad.count);
            writeFacilityRisk(truthDir, factory, sim, burden);
            writeSensitivity(truthDir, sim, tax);
            Files.copy(spec.worldFile(), truthDir.resolve("world.yaml"));
        }
        for (String f : List.of(
                "facility_theme_prevalence.csv",
                "remediation.csv",
                "facility_aliases.csv",
                "facility_risk.csv",
                "audit_sensitivity.csv")) {
            rows.put("truth/" + f, countRecords(truthDir.resolve(f)));
        }
        long badRows = rows.get("truth/bad_rows.csv");
        long workerVoiceRows = 0;
        for (var e : rows.entrySet()) {
            if (e.getKey().startsWith("exports/helpline/") || e.getKey().startsWith("exports/survey/responses_"))
                workerVoiceRows += e.getValue();
        }
        writeManifest(truthDir, spec, tier, n, helpline, survey, workerVoiceRows, badRows, rows);
        rows.put("truth/manifest.json", 1L);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        progress.accept(String.format(
                Locale.ROOT,
                "done: %d worker-voice records, %d bad rows, %d files in %.1f s",
                workerVoiceRows,
                badRows,
                rows.size(),
                elapsed.toMillis() / 1000.0));
        return new GenerateResult(java.util.Collections.unmodifiableMap(rows), workerVoiceRows, badRows, elapsed);
    }

    private static BufferedWriter truthWriter(Path dir, String name, String header) throws IOException {
        BufferedWriter writer = Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8);
        writer.write(header);
        writer.write('\n');
        return writer;
    }

    private static void writeSuppliers(World world, FacilityFactory factory, Exports exports, long seed)
            throws IOException {
        for (Facility f : factory.facilities) {
            exports.add(
                    Streams.FACILITIES,
                    null,
                    Row.csv(
                            f.id,
                            f.name,
                            f.masterAliases,
                            f.address,
                            f.city,
                            f.country,
                            f.sector,
                            f.osId,
                            Integer.toString(f.headcount),
                            f.supplierId,
                            f.supplierName));
        }
        Rng rng = Rng.of(seed, -2, 0xB4A);
        for (FacilityFactory.BrandLink l : factory.links) {
            Row row = Row.csv(
                    l.brandId(),
                    l.brandName(),
                    factory.facilities.get(l.facility()).id,
                    l.from().toString(),
                    l.to() == null ? "" : l.to().toString());
            String defect = null;
            if (rng.chance(world.defects().share())) defect = rng.chance(0.5) ? "BAD_DATE" : "DUPLICATE";
            if ("BAD_DATE".equals(defect)) {
                row.fields[3] = Simulator.badDate(rng, Simulator.DateFmt.ISO);
                row.defect(defect, true, "impossible start date " + row.fields[3]);
            }
            exports.add(Streams.BRAND_FACILITY, null, row);
            if ("DUPLICATE".equals(defect)) {
                exports.add(
                        Streams.BRAND_FACILITY,
                        null,
                        row.copy().defect("DUPLICATE", true, "exact copy of the previous record"));
            }
        }
    }

    private static void writeCatalogue(Simulator sim, Exports exports) throws IOException {
        for (int q = 0; q < sim.quarterCount; q++) {
            String sid = "WV-" + sim.fileLabel[q];
            for (String[] s : SurveyInstrument.SCREENING)
                exports.add(Streams.CATALOGUE, null, Row.csv(sid, s[0], s[1], "", ""));
            for (int t = 0; t < sim.themeCount; t++) {
                SurveyInstrument.Question qu = sim.questionByTheme[t];
                exports.add(Streams.CATALOGUE, null, Row.csv(sid, qu.id(), qu.text(), sim.topic[t], qu.adverse()));
            }
        }
    }

    private static void writeFacilityRisk(Path dir, FacilityFactory factory, Simulator sim, double[][] burden)
            throws IOException {
        int n = burden.length;
        boolean[][] high = new boolean[n][sim.quarterCount];
        for (int q = 0; q < sim.quarterCount; q++) {
            final int qq = q;
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            Arrays.sort(
                    order,
                    Comparator.<Integer>comparingDouble(i -> -burden[i][qq]).thenComparingInt(i -> i));
            int top = (int) Math.ceil(0.2 * n);
            for (int k = 0; k < top; k++) high[order[k]][q] = true;
        }
        try (BufferedWriter writer = truthWriter(dir, "facility_risk.csv", "facility_id,period,burden,is_high_risk")) {
            for (int i = 0; i < n; i++) {
                for (int q = 0; q < sim.quarterCount; q++) {
                    writer.write(factory.facilities.get(i).id + "," + sim.period[q] + "," + Csv.fmt(burden[i][q], 6)
                            + "," + high[i][q] + "\n");
                }
            }
        }
    }

    private static void writeSensitivity(Path dir, Simulator sim, Taxonomy tax) throws IOException {
        try (BufferedWriter writer = truthWriter(dir, "audit_sensitivity.csv", "scheme,theme,sensitivity")) {
            for (String scheme : Taxonomy.SCHEMES) {
                for (int t = 0; t < sim.themeCount; t++) {
                    if (tax.list(scheme).codesFor(tax.themeIds.get(t)).isEmpty()) continue;
                    writer.write(
                            scheme + "," + tax.themeIds.get(t) + "," + Csv.fmt(sim.sensitivity(scheme, t), 4) + "\n");
                }
            }
        }
    }

    private static void writeManifest(
            Path dir,
            GeneratorSpec spec,
            World.Tier tier,
            int facilities,
            long helpline,
            long survey,
            long workerVoiceRows,
            long bad,
            Map<String, Long> rows)
            throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", "org.hrdd.generate.Generator");
        m.put("tier", spec.tier());
        m.put("seed", spec.seed());
        m.put("facilities", facilities);
        m.put("helpline_cases", helpline);
        m.put("survey_responses", survey);
        m.put("worker_voice_records", workerVoiceRows);
        m.put("bad_rows", bad);
        long total = 0;
        for (var e : rows.entrySet()) if (e.getKey().startsWith("exports/")) total += e.getValue();
        m.put("export_rows", total);
        m.put("rows_per_file", rows);
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve("manifest.json").toFile(), m);
    }

    /** Data records of a truth CSV (no quoted newlines there): lines minus the header. */
    static long countRecords(Path f) throws IOException {
        try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
            return lines.count() - 1;
        }
    }
}
