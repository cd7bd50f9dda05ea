package org.hrdd.cli;

import java.io.PrintWriter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.hrdd.config.AppConfig;
import org.hrdd.config.ConfigException;
import org.hrdd.reports.lakehouse.LakehouseSql;
import org.hrdd.reports.lakehouse.ResultFormat;
import org.hrdd.reports.lakehouse.ResultWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrdd facilities}: facility resolution for people to review. */
@Command(
        name = "facilities",
        header = "Facility resolution: review uncertain matches.",
        mixinStandardHelpOptions = true,
        description = "Facility resolution: review uncertain matches.",
        subcommands = {FacilitiesCommand.Review.class, FacilitiesCommand.Bench.class})
final class FacilitiesCommand implements Runnable {

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                new picocli.CommandLine(this), "a subcommand is required: review");
    }

    @Command(
            name = "review",
            header = "List uncertain and unresolved facility references to confirm.",
            mixinStandardHelpOptions = true,
            description = {
                "List facility references a person should confirm: every fuzzy and abbreviation match, riskiest first",
                "(below the review band resolution.review_below, then by the smallest lead over the next facility,",
                "then the lowest confidence), then the references left unresolved, most frequent first. Confirm or",
                "undo one with a force_match / never_match line in conf/facility_overrides.yaml and rerun hrdd refine."
            })
    static final class Review extends HrddCommand {

        @Option(
                names = "--below",
                paramLabel = "CONFIDENCE",
                description = "Matches below this confidence come first (default: resolution.review_below).")
        Double below;

        @Option(names = "--max-rows", defaultValue = "50", description = "Rows to show (default: ${DEFAULT-VALUE}).")
        int maxRows;

        @Override
        public Integer call() throws Exception {
            AppConfig cfg = config();
            double band = below != null ? below : cfg.resolution().reviewBelow();
            PrintWriter out = out();
            // a reference with a line break or over 100 characters is a broken export row that swallowed the rest of
            // its line: its beginning names the facility, the rest is noise (hrdd quality lists the row)
            String q =
                    "SELECT m.source_table, CASE WHEN strpos(m.facility_name, chr(10)) > 0 OR length(m.facility_name) > 100 "
                            + "THEN rtrim(left(replace(m.facility_name, chr(10), ' '), 48)) || '... (broken row, see hrdd quality)' "
                            + "ELSE m.facility_name END AS typed_name, m.country_code AS country, "
                            + "m.facility_address AS address, m.facility_id, "
                            + "f.facility_name AS master_name, m.match_method AS method, round(m.match_confidence, 3) AS confidence, "
                            + "round(m.match_margin, 3) AS lead, m.occurrences, m.detail "
                            + "FROM ops.facility_matches m LEFT JOIN silver.facility f USING (facility_id) "
                            // an exact name the address chose among several of that name is a decision to confirm too
                            + "WHERE m.facility_id IS NULL OR m.match_method IN ('fuzzy_name', 'abbreviation') "
                            + "OR m.detail LIKE 'the address decided%' "
                            // riskiest first: below the band, then the smallest lead over the next facility
                            + "ORDER BY m.facility_id IS NULL, CASE WHEN m.facility_id IS NULL THEN -m.occurrences END, "
                            + "m.match_confidence >= ?, m.match_margin NULLS LAST, m.match_confidence, m.occurrences DESC, "
                            + "m.match_key";
            try (LakehouseSql sql = SqlCommand.open(cfg);
                    PreparedStatement st = sql.connection().prepareStatement(q)) {
                st.setDouble(1, band);
                try (ResultSet rs = st.executeQuery()) {
                    ResultWriter.Written w = ResultWriter.write(rs, ResultFormat.TABLE, maxRows, out);
                    out.printf(
                            "%n%d references to review (every fuzzy and abbreviation match, those below %.2f and with"
                                    + " the smallest lead first, then the unresolved)%s%n",
                            w.rows(), band, w.truncated() ? "; more with --max-rows" : "");
                    out.println("confirm or correct in conf/facility_overrides.yaml, then rerun: ./hrdd refine");
                }
            } catch (SQLException e) {
                throw new ConfigException(
                        "cannot read ops.facility_matches (run hrdd refine first): "
                                + e.getMessage().strip(),
                        e);
            }
            out.flush();
            return Hrdd.OK;
        }
    }

    @Command(
            name = "bench",
            header = "Measure facility resolution on facility lists and labelled pairs you provide.",
            mixinStandardHelpOptions = true,
            description = {
                "Measure facility resolution on real data from a folder you provide (nothing is shipped): facility",
                "lists (*.csv with a name and a country column, e.g. Open Supply Hub downloads) and labelled pairs",
                "(*.json in the dedupe training format Open Supply Hub publishes: match and distinct pairs of records",
                "with name, address and country). Prints precision and recall on the labelled pairs (each pair's second",
                "record in the master, its first resolved) and on seeded perturbations of the listed names (legal form,",
                "typo, dropped word, joined or split words, case), with the wrong resolutions to read. Uses",
                "resolution.fuzzy_threshold and resolution.min_margin of application.yaml, as refine does."
            })
    static final class Bench extends HrddCommand {

        @Option(
                names = "--data",
                paramLabel = "DIR",
                required = true,
                description = "Folder of *.csv lists and *.json pairs.")
        java.nio.file.Path data;

        @Option(names = "--seed", defaultValue = "42", description = "Perturbation seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(
                names = "--per-facility",
                defaultValue = "3",
                description = "Perturbed references per listed facility (default: ${DEFAULT-VALUE}).")
        int perFacility;

        @Override
        public Integer call() {
            AppConfig cfg = config();
            if (!java.nio.file.Files.isDirectory(data)) {
                throw new ConfigException("--data " + data + " is not a folder");
            }
            org.hrdd.bench.ResolutionBench.Result r = org.hrdd.bench.ResolutionBench.run(
                    data,
                    seed,
                    perFacility,
                    cfg.resolution().fuzzyThreshold(),
                    cfg.resolution().minMargin(),
                    org.hrdd.ingest.SourceMappingLoader.valueTable(cfg.sourcesDir(), "countries", false));
            PrintWriter out = out();
            out.printf(
                    java.util.Locale.ROOT,
                    "facility lists: %,d facilities (%,d rows without a name or a known country left out)%n",
                    r.listedFacilities(),
                    r.skippedRows());
            print(out, r.pairs(), r.matchPairs());
            print(out, r.pairsWithAddress(), r.matchPairs());
            print(out, r.perturbations(), r.perturbedReferences());
            out.flush();
            return Hrdd.OK;
        }

        private static void print(PrintWriter out, org.hrdd.bench.ResolutionBench.Figures f, int withTruth) {
            out.printf(
                    java.util.Locale.ROOT,
                    "%s: %,d references, %,d resolved, %,d right, %,d wrong: precision %.3f, recall %.3f (of %,d with"
                            + " a true facility)%n",
                    f.set(),
                    f.references(),
                    f.resolved(),
                    f.right(),
                    f.wrong(),
                    f.precision(),
                    f.recall(withTruth),
                    withTruth);
            f.wrongExamples().forEach(e -> out.println("  wrong: " + e));
            f.missedExamples().forEach(e -> out.println("  missed: " + e));
        }
    }
}
