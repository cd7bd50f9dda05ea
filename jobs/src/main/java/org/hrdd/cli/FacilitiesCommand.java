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
        subcommands = {FacilitiesCommand.Review.class})
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
                            + "ELSE m.facility_name END AS typed_name, m.country_code AS country, m.facility_id, "
                            + "f.facility_name AS master_name, m.match_method AS method, round(m.match_confidence, 3) AS confidence, "
                            + "round(m.match_margin, 3) AS lead, m.occurrences, m.detail "
                            + "FROM ops.facility_matches m LEFT JOIN silver.facility f USING (facility_id) "
                            + "WHERE m.facility_id IS NULL OR m.match_method IN ('fuzzy_name', 'abbreviation') "
                            // riskiest first: below the band, then the smallest lead over the next facility
                            + "ORDER BY m.facility_id IS NULL, m.match_confidence >= ?, m.match_margin NULLS LAST, "
                            + "m.match_confidence, m.occurrences DESC, m.match_key";
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
}
