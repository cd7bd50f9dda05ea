package org.hrdd.reports.research;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hrdd.reports.lakehouse.LakehouseSql;
import org.hrdd.reports.output.StagedDirectory;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.ContractLoader;

/**
 * {@code hrdd export research}: an anonymised extract for researchers over a range of periods, as CSV files with a
 * data dictionary generated from the contracts. Read with DuckDB (no Spark).
 * <ul>
 *   <li>Identifiers are re-keyed per extract: worker pseudonyms, facility ids and CAP ids become
 *       {@code sha256(extract key || id)} (16 hex digits) with a random 256-bit key that is never written, so ids do
 *       not link to silver, to other extracts or to the brand's supplier list.</li>
 *   <li>Dates are coarsened to the period (the durations researchers need, days to resolution, are kept).</li>
 *   <li>Record-level worker data only from records whose consent allows research ({@code consent_research}); free
 *       text, recruiter, source references and exact dates are left out.</li>
 *   <li>Small cells: a facility × period with fewer than k research-consented workers is withheld entirely (counted in
 *       the manifest); within the rest, gender, nationality and language are blanked when their combination has
 *       fewer than k workers there. Aggregate tables (cells, remediation) blank worker counts and rates resting on
 *       fewer than k workers (a cell's reporting figures when 1 to k - 1 workers reported); they are aggregates
 *       published under the aggregate-reporting consent, the same rule as the indicators.</li>
 * </ul>
 */
public final class ResearchExtract {

    public static final String SIGNALS = "worker_signals.csv";
    public static final String CELLS = "cells.csv";
    public static final String REMEDIATION = "remediation.csv";
    public static final String AGREEMENT = "scheme_agreement.csv";
    public static final String DICTIONARY = "data_dictionary.md";
    public static final String MANIFEST = "manifest.json";

    /** The extract's request; {@code granularity} is the configured period granularity (QUARTER, MONTH, …). */
    public record Request(Path lakehouse, String periodFrom, String periodTo, String granularity, int k, Path outDir) {
        public Request {
            Objects.requireNonNull(lakehouse);
            Objects.requireNonNull(periodFrom);
            Objects.requireNonNull(periodTo);
            Objects.requireNonNull(granularity);
            Objects.requireNonNull(outDir);
            if (periodFrom.compareTo(periodTo) > 0) {
                throw new IllegalArgumentException("--period-from " + periodFrom + " is after --period-to " + periodTo);
            }
            if (k < 1) {
                throw new IllegalArgumentException("k must be at least 1");
            }
        }
    }

    /** Rows written per file and records withheld, by reason. */
    public record Result(Path dir, Map<String, Long> rows, Map<String, Long> withheld) {}

    /** One output column: its name, where it comes from (table.column, for the dictionary) or its own description. */
    record Out(String name, String source, String description) {}

    private final Request request;
    private final String key;

    private ResearchExtract(Request request, String key) {
        this.request = request;
        this.key = key;
    }

    public static Result write(Request request) {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return new ResearchExtract(request, HexFormat.of().formatHex(k)).run();
    }

    private Result run() {
        Path out = request.outDir();
        try (LakehouseSql sql = LakehouseSql.open(request.lakehouse())) {
            sql.missing(List.of(
                            "silver.worker_signal",
                            "silver.facility",
                            "gold.facility_theme_period",
                            "gold.remediation_effectiveness",
                            "gold.scheme_agreement"))
                    .ifPresent(m -> {
                        throw new IllegalStateException(m);
                    });
            return write(sql, out);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "research extract failed: " + e.getMessage().strip(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the research extract to " + out, e);
        }
    }

    private Result write(LakehouseSql sql, Path out) throws SQLException, IOException {
        try (StagedDirectory staged = StagedDirectory.open(out, "research")) {
            Path staging = staged.dir();
            Connection c = sql.connection();
            Map<String, Long> rows = new LinkedHashMap<>();
            Map<String, Long> withheld = new LinkedHashMap<>();
            try (Statement st = c.createStatement()) {
                st.execute("SET VARIABLE extract_key = '" + key + "'");
                signals(st, staging, rows, withheld);
                copy(st, cellsSql(), staging.resolve(CELLS), rows, CELLS);
                copy(st, remediationSql(), staging.resolve(REMEDIATION), rows, REMEDIATION);
                copy(st, agreementSql(), staging.resolve(AGREEMENT), rows, AGREEMENT);
            }
            Files.writeString(staging.resolve(DICTIONARY), dictionary(), StandardCharsets.UTF_8);
            manifest(staging.resolve(MANIFEST), sql, rows, withheld);
            staged.publish(MANIFEST);
            return new Result(out, rows, withheld);
        }
    }

    static String rekey(String column) {
        return "left(sha256(getvariable('extract_key') || " + column + "), 16)";
    }

    private String inRange(String column) {
        return column + " BETWEEN '" + request.periodFrom().replace("'", "") + "' AND '"
                + request.periodTo().replace("'", "") + "'";
    }

    static final List<Out> SIGNAL_COLUMNS = List.of(
            new Out(
                    "worker_id",
                    null,
                    "Worker, re-keyed for this extract (not the silver pseudonym; not linkable across extracts)."),
            new Out(
                    "facility_id",
                    null,
                    "Facility, re-keyed for this extract (same key as in cells.csv and remediation.csv)."),
            new Out("country_code", "silver.facility.country_code", null),
            new Out("sector", "silver.facility.sector", null),
            new Out("period", "silver.worker_signal.period", null),
            new Out("channel", "silver.worker_signal.channel", null),
            new Out("theme", "silver.worker_signal.theme", null),
            new Out("status", "silver.worker_signal.status", null),
            new Out("is_worker_confirmed", "silver.worker_signal.is_worker_confirmed", null),
            new Out("days_to_resolution", null, "Days from report to resolution (the dates themselves are left out)."),
            new Out("workers_affected", "silver.worker_signal.workers_affected", null),
            new Out(
                    "gender",
                    "silver.worker_signal.gender",
                    "Blank where consent does not allow it or where gender, "
                            + "nationality and language together have fewer than k workers in the facility and period."),
            new Out("nationality", "silver.worker_signal.nationality", "Blank under the same rule as gender."),
            new Out("language", "silver.worker_signal.language", "Blank under the same rule as gender."));

    private void signals(Statement st, Path dir, Map<String, Long> rows, Map<String, Long> withheld)
            throws SQLException {
        int k = request.k();
        st.execute(
                """
                CREATE OR REPLACE TEMP TABLE research_signal AS
                SELECT s.worker_pseudonym, s.facility_id, f.country_code, f.sector, s.period, s.channel, s.theme,
                       s.status, s.is_worker_confirmed, date_diff('day', s.reported_on, s.resolved_on) AS days_to_resolution,
                       s.workers_affected, s.gender, s.nationality, s.language
                FROM silver.worker_signal s JOIN silver.facility f ON f.facility_id = s.facility_id
                WHERE s.consent_research AND %s"""
                        .formatted(inRange("s.period")));
        st.execute(
                """
                CREATE OR REPLACE TEMP TABLE research_small AS
                SELECT facility_id, period FROM research_signal GROUP BY 1, 2
                HAVING count(DISTINCT worker_pseudonym) < %d"""
                        .formatted(k));
        withheld.put(
                "worker_signals: facility x period under k research-consented workers",
                count(st, "SELECT count(*) FROM research_signal JOIN research_small USING (facility_id, period)"));
        String sql =
                """
                WITH kept AS (SELECT r.* FROM research_signal r ANTI JOIN research_small USING (facility_id, period)),
                     combo AS (SELECT facility_id, period, gender, nationality, language,
                                      count(DISTINCT worker_pseudonym) AS workers FROM kept GROUP BY ALL)
                SELECT %s AS worker_id, %s AS facility_id, country_code, sector, period, channel, theme, status,
                       is_worker_confirmed, days_to_resolution, workers_affected,
                       CASE WHEN c.workers >= %d THEN kept.gender END AS gender,
                       CASE WHEN c.workers >= %d THEN kept.nationality END AS nationality,
                       CASE WHEN c.workers >= %d THEN kept.language END AS language
                FROM kept JOIN combo c USING (facility_id, period)
                WHERE c.gender IS NOT DISTINCT FROM kept.gender AND c.nationality IS NOT DISTINCT FROM kept.nationality
                  AND c.language IS NOT DISTINCT FROM kept.language
                ORDER BY period, facility_id, worker_id, theme, channel"""
                        .formatted(rekey("kept.worker_pseudonym"), rekey("kept.facility_id"), k, k, k);
        copy(st, sql, dir.resolve(SIGNALS), rows, SIGNALS);
    }

    /** The reporting-derived columns of cells.csv: they rest on the workers reporting, not only on those reached. */
    static final String REPORTING_BLANK =
            "Blank when fewer than k workers were reached or 1 to k - 1 reported the theme.";

    static final List<Out> CELL_COLUMNS = List.of(
            new Out("facility_id", null, "Facility, re-keyed for this extract."),
            new Out("country_code", "gold.facility_theme_period.country_code", null),
            new Out("sector", "gold.facility_theme_period.sector", null),
            new Out("theme", "gold.facility_theme_period.theme", null),
            new Out("period", "gold.facility_theme_period.period", null),
            new Out("workers_reached", "gold.facility_theme_period.workers_reached", "Blank below k workers."),
            new Out("workers_reporting", "gold.facility_theme_period.workers_reporting", REPORTING_BLANK),
            new Out("worker_rate", "gold.facility_theme_period.worker_rate", REPORTING_BLANK),
            new Out("worker_rate_lower", "gold.facility_theme_period.worker_rate_lower", REPORTING_BLANK),
            new Out("worker_rate_upper", "gold.facility_theme_period.worker_rate_upper", REPORTING_BLANK),
            new Out("shrunk_rate", "gold.facility_theme_period.shrunk_rate", REPORTING_BLANK),
            new Out("prevalence_estimate", "gold.facility_theme_period.prevalence_estimate", REPORTING_BLANK),
            new Out("prob_high_risk", "gold.facility_theme_period.prob_high_risk", REPORTING_BLANK),
            new Out("is_worker_elevated", "gold.facility_theme_period.is_worker_elevated", null),
            new Out("audits_in_window", "gold.facility_theme_period.audits_in_window", null),
            new Out("audit_schemes", "gold.facility_theme_period.audit_schemes", null),
            new Out("is_announced", "gold.facility_theme_period.is_announced", null),
            new Out("findings_critical", "gold.facility_theme_period.findings_critical", null),
            new Out("findings_major", "gold.facility_theme_period.findings_major", null),
            new Out("findings_minor", "gold.facility_theme_period.findings_minor", null),
            new Out("is_audit_flagged", "gold.facility_theme_period.is_audit_flagged", null),
            new Out("caps_open", "gold.facility_theme_period.caps_open", null),
            new Out("caps_overdue", "gold.facility_theme_period.caps_overdue", null),
            new Out("caps_closed", "gold.facility_theme_period.caps_closed", null),
            new Out("corroboration_status", "gold.facility_theme_period.corroboration_status", null),
            new Out("first_worker_signal_period", "gold.facility_theme_period.first_worker_signal_period", null),
            new Out("first_audit_signal_period", "gold.facility_theme_period.first_audit_signal_period", null));

    private String cellsSql() {
        int k = request.k();
        String small = "workers_reached < " + k;
        // a count, money or rate resting on 1 to k - 1 workers is withheld, whatever its unit: the rate of 2 reporting
        // workers among 200 reached is a figure about those 2
        String fewReporting = small + " OR workers_reporting BETWEEN 1 AND " + (k - 1);
        StringBuilder cols = new StringBuilder(rekey("facility_id") + " AS facility_id");
        for (Out o : CELL_COLUMNS.subList(1, CELL_COLUMNS.size())) {
            String name = o.name();
            String when = REPORTING_BLANK.equals(o.description())
                    ? fewReporting
                    : o.description() != null && o.description().startsWith("Blank") ? small : null;
            cols.append(", ")
                    .append(when != null ? "CASE WHEN " + when + " THEN NULL ELSE " + name + " END AS " + name : name);
        }
        return "SELECT " + cols + " FROM gold.facility_theme_period WHERE " + inRange("period")
                + " ORDER BY period, facility_id, theme";
    }

    static final List<Out> REMEDIATION_COLUMNS = List.of(
            new Out("cap_id", null, "Corrective action, re-keyed for this extract."),
            new Out("facility_id", null, "Facility, re-keyed for this extract."),
            new Out("period", "gold.remediation_effectiveness.period", null),
            new Out("source_type", "gold.remediation_effectiveness.source_type", null),
            new Out("theme", "gold.remediation_effectiveness.theme", null),
            new Out("opened_period", null, "Period the CAP was opened (date coarsened)."),
            new Out("closed_period", null, "Period the CAP was closed (date coarsened)."),
            new Out("channel_compared", "gold.remediation_effectiveness.channel_compared", null),
            new Out("workers_before", "gold.remediation_effectiveness.workers_before", "Blank below k workers."),
            new Out(
                    "rate_before",
                    "gold.remediation_effectiveness.rate_before",
                    "Blank when workers_before is below k."),
            new Out("workers_after", "gold.remediation_effectiveness.workers_after", "Blank below k workers."),
            new Out("rate_after", "gold.remediation_effectiveness.rate_after", "Blank when workers_after is below k."),
            new Out("p_value_drop", "gold.remediation_effectiveness.p_value_drop", null),
            new Out("p_value_persist", "gold.remediation_effectiveness.p_value_persist", null),
            new Out("is_worker_confirmed", "gold.remediation_effectiveness.is_worker_confirmed", null),
            new Out("effectiveness_status", "gold.remediation_effectiveness.effectiveness_status", null),
            new Out("reason", "gold.remediation_effectiveness.reason", null));

    private String remediationSql() {
        int k = request.k();
        return """
                SELECT %s AS cap_id, %s AS facility_id, period, source_type, theme, %s AS opened_period,
                       %s AS closed_period, channel_compared,
                       CASE WHEN workers_before >= %d THEN workers_before END AS workers_before,
                       CASE WHEN workers_before >= %d THEN rate_before END AS rate_before,
                       CASE WHEN workers_after >= %d THEN workers_after END AS workers_after,
                       CASE WHEN workers_after >= %d THEN rate_after END AS rate_after,
                       p_value_drop, p_value_persist, is_worker_confirmed, effectiveness_status, reason
                FROM gold.remediation_effectiveness WHERE %s ORDER BY period, facility_id, cap_id"""
                .formatted(
                        rekey("cap_id"),
                        rekey("facility_id"),
                        periodSql("opened_on"),
                        periodSql("closed_on"),
                        k,
                        k,
                        k,
                        k,
                        inRange("period"));
    }

    static final List<Out> AGREEMENT_COLUMNS = List.of(
                    "scheme",
                    "theme",
                    "period",
                    "scope",
                    "facilities",
                    "cells",
                    "both",
                    "worker_only",
                    "audit_only",
                    "neither",
                    "kappa",
                    "kappa_lower",
                    "kappa_upper",
                    "detection_rate_naive",
                    "detection_rate",
                    "detection_rate_lower",
                    "detection_rate_upper",
                    "blind_spot_rate",
                    "blind_spot_lower",
                    "blind_spot_upper",
                    "median_lead_time_periods",
                    "lead_time_cells")
            .stream()
            .map(c -> new Out(c, "gold.scheme_agreement." + c, null))
            .toList();

    private String agreementSql() {
        return "SELECT "
                + String.join(
                        ", ",
                        AGREEMENT_COLUMNS.stream()
                                .map(o -> '"' + o.name() + '"')
                                .toList()) + " FROM gold.scheme_agreement WHERE " + inRange("period")
                + " ORDER BY period, scope, scheme, theme";
    }

    /** DuckDB expression: the period label of a date column at the configured granularity. */
    String periodSql(String date) {
        return switch (request.granularity()) {
            case "MONTH" -> "strftime(" + date + ", '%Y-%m')";
            case "HALF_YEAR" -> "CAST(year(" + date + ") AS VARCHAR) || '-H' || CASE WHEN month(" + date
                    + ") <= 6 THEN '1' ELSE '2' END";
            case "YEAR" -> "CAST(year(" + date + ") AS VARCHAR)";
            default -> "CAST(year(" + date + ") AS VARCHAR) || '-Q' || CAST(quarter(" + date + ") AS VARCHAR)";
        };
    }

    private static void copy(Statement st, String sql, Path file, Map<String, Long> rows, String name)
            throws SQLException {
        st.execute("COPY (" + sql + ") TO '" + file.toString().replace("'", "''")
                + "' (HEADER, DELIMITER ',', QUOTE '\"')");
        rows.put(
                name,
                count(
                        st,
                        "SELECT count(*) FROM read_csv('" + file.toString().replace("'", "''")
                                + "', header = true, all_varchar = true)"));
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The data dictionary: every file's columns, with type and description from the contracts where they come from. */
    static String dictionary() {
        Map<String, Contract> contracts = ContractLoader.loadAll();
        StringBuilder b = new StringBuilder("# Research extract: data dictionary\n\n")
                .append(
                        "Generated from the hrdd data contracts (schemas/contracts/). Identifiers are re-keyed per extract; ")
                .append("dates are coarsened to the period; only research-consented worker records are included; ")
                .append("small cells are blank (see manifest.json for k and what was withheld).\n");
        Map<String, List<Out>> files = new LinkedHashMap<>();
        files.put(SIGNALS, SIGNAL_COLUMNS);
        files.put(CELLS, CELL_COLUMNS);
        files.put(REMEDIATION, REMEDIATION_COLUMNS);
        files.put(AGREEMENT, AGREEMENT_COLUMNS);
        for (Map.Entry<String, List<Out>> f : files.entrySet()) {
            b.append("\n## ")
                    .append(f.getKey())
                    .append("\n\n| column | type | source | description |\n|---|---|---|---|\n");
            for (Out o : f.getValue()) {
                String type = "string";
                String description = o.description() == null ? "" : o.description();
                if (o.source() != null) {
                    int dot = o.source().lastIndexOf('.');
                    Contract c = contracts.get(o.source().substring(0, dot));
                    var col = c == null
                            ? null
                            : c.column(o.source().substring(dot + 1)).orElse(null);
                    if (col == null) {
                        throw new IllegalStateException("dictionary: no contract column " + o.source());
                    }
                    type = col.logicalType();
                    description = col.description().replace('\n', ' ')
                            + (o.description() == null ? "" : " " + o.description());
                }
                b.append("| ")
                        .append(o.name())
                        .append(" | ")
                        .append(type)
                        .append(" | ")
                        .append(o.source() == null ? "derived" : o.source())
                        .append(" | ")
                        .append(description.replace("|", "\\|"))
                        .append(" |\n");
            }
        }
        return b.toString();
    }

    private void manifest(Path file, LakehouseSql sql, Map<String, Long> rows, Map<String, Long> withheld)
            throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode m = json.createObjectNode();
        m.put("period_from", request.periodFrom());
        m.put("period_to", request.periodTo());
        m.put("granularity", request.granularity());
        m.put("k_threshold", request.k());
        m.put("consent", "consent_research for worker_signals.csv; aggregates under consent_aggregate");
        m.put("identifiers", "re-keyed with a random per-extract key that was not stored");
        ObjectNode r = m.putObject("rows");
        rows.forEach(r::put);
        ObjectNode w = m.putObject("withheld_records");
        withheld.forEach(w::put);
        ObjectNode v = m.putObject("delta_versions_read");
        for (String t : List.of(
                "silver.worker_signal",
                "silver.facility",
                "gold.facility_theme_period",
                "gold.remediation_effectiveness",
                "gold.scheme_agreement")) {
            v.put(t, sql.snapshots().get(t).version());
        }
        json.writeValue(file.toFile(), m);
    }

    /** Column names of a list, for tests. */
    static List<String> names(List<Out> outs) {
        List<String> n = new ArrayList<>();
        outs.forEach(o -> n.add(o.name()));
        return n;
    }
}
