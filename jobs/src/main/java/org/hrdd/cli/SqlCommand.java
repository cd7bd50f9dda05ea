package org.hrdd.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.hrdd.config.AppConfig;
import org.hrdd.config.ConfigException;
import org.hrdd.reports.lakehouse.LakehouseSql;
import org.hrdd.reports.lakehouse.ReadOnlySql;
import org.hrdd.reports.lakehouse.ResultFormat;
import org.hrdd.reports.lakehouse.ResultWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hrdd sql}: DuckDB SQL over the current snapshot of every lakehouse table, no Spark. */
@Command(
        name = "sql",
        header = "Run a read-only SQL query (DuckDB) over the lakehouse tables.",
        mixinStandardHelpOptions = true,
        description = {
            "Run a SQL query (DuckDB dialect) over the lakehouse: schemas bronze, silver, gold, ops;",
            "each table is a view over the files of its current Delta version. Read-only: one SELECT (or WITH,",
            "FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN, PRAGMA table_info); anything else is refused",
            "before it runs, and no file outside the lakehouse can be read or written."
        })
final class SqlCommand extends HrddCommand {

    @Parameters(index = "0", paramLabel = "QUERY", description = "e.g. \"SELECT count(*) FROM bronze.helpline_case\"")
    String query;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table, csv or json (one JSON object per line); default: ${DEFAULT-VALUE}.")
    String format;

    @Option(
            names = "--max-rows",
            paramLabel = "N",
            description = {
                "Stop after N rows (0: no limit). Default: 1000 for table, no limit for csv and json. A csv or json",
                "result cut by this limit exits with code 1 and says so: use LIMIT in the query to take fewer rows."
            })
    Integer maxRows;

    /** Rows a table prints unless --max-rows says otherwise: it is read on a terminal. */
    static final int TABLE_ROWS = 1000;

    @Override
    public Integer call() {
        ResultFormat f =
                switch (format.toLowerCase(java.util.Locale.ROOT)) {
                    case "table" -> ResultFormat.TABLE;
                    case "csv" -> ResultFormat.CSV;
                    case "json" -> ResultFormat.JSON;
                    default -> throw new ConfigException("--format must be table, csv or json, is '" + format + "'");
                };
        if (maxRows != null && maxRows < 0) {
            throw new ConfigException("--max-rows must be 0 (no limit) or more, is " + maxRows);
        }
        int limit = maxRows == null
                ? (f == ResultFormat.TABLE ? TABLE_ROWS : Integer.MAX_VALUE)
                : maxRows == 0 ? Integer.MAX_VALUE : maxRows;
        AppConfig cfg = config();
        PrintWriter out = spec.commandLine().getOut();
        Path lakehouse = existingLakehouse(cfg);
        try (LakehouseSql sql = LakehouseSql.open(lakehouse)) {
            // read-only by construction: the parsed statement must be a read, and the connection cannot touch files
            // outside the lakehouse nor change its settings back
            String statement = ReadOnlySql.statement(sql.connection(), query);
            ReadOnlySql.lock(sql.connection(), lakehouse);
            try (Statement st = sql.connection().createStatement();
                    ResultSet rs = st.executeQuery(statement)) {
                ResultWriter.Written w = ResultWriter.write(rs, f, limit, out);
                out.flush();
                if (w.truncated()) {
                    PrintWriter err = spec.commandLine().getErr();
                    if (f == ResultFormat.TABLE) {
                        err.println("(first " + w.rows() + " rows; the result has more: --max-rows N or 0 for all)");
                        err.flush();
                    } else {
                        // a file cut short must not pass for the whole result in a script
                        err.println("hrdd sql: stopped after " + w.rows() + " rows (--max-rows " + limit
                                + "), the result has more; written rows are not the whole result. Use LIMIT in the"
                                + " query to take fewer rows, or --max-rows 0 for all of them.");
                        err.flush();
                        return Hrdd.ERROR;
                    }
                }
            }
        } catch (ReadOnlySql.NotReadOnly e) {
            throw new ConfigException(e.getMessage(), e);
        } catch (SQLException e) {
            throw new ConfigException("query failed: " + e.getMessage().strip(), e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Hrdd.OK;
    }

    /**
     * The configured lakehouse as a local folder that holds at least one Delta table, or a usage error (exit 2) that
     * says where it looked and what creates one: the DuckDB commands otherwise answered a missing lakehouse with an
     * empty result, a raw DuckDB error or "run refine first".
     */
    static Path existingLakehouse(AppConfig cfg) {
        Path p = localPath(cfg.lakehouse());
        boolean any = false;
        if (java.nio.file.Files.isDirectory(p)) {
            try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(p, 3)) {
                any = walk.anyMatch(f ->
                        f.getFileName() != null && f.getFileName().toString().equals("_delta_log"));
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                throw new ConfigException("cannot read the lakehouse " + p.toAbsolutePath() + ": " + e.getMessage(), e);
            }
        }
        if (!any) {
            throw new ConfigException("no lakehouse at " + p.toAbsolutePath().normalize()
                    + (java.nio.file.Files.isDirectory(p) ? " (the folder holds no Delta table)" : " (no such folder)")
                    + ": give --lakehouse DIR, or create one "
                    + "with ./hrdd demo or hrdd ingest");
        }
        return p;
    }

    /** DuckDB views over {@link #existingLakehouse}. */
    static LakehouseSql open(AppConfig cfg) {
        return LakehouseSql.open(existingLakehouse(cfg));
    }

    static Path localPath(String lakehouse) {
        if (lakehouse.contains("://") && !lakehouse.startsWith("file:")) {
            throw new ConfigException("hrdd sql reads local lakehouses only, not " + lakehouse);
        }
        return Path.of(lakehouse.replaceFirst("^file:(//)?", ""));
    }
}
