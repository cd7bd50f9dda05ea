package org.hrdd.reports.lakehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's SQL over the lakehouse, read-only by construction. DuckDB's own parser decides what a statement is (not
 * the text): only a single SELECT (which DuckDB also makes of WITH, FROM, VALUES, DESCRIBE, SHOW and SUMMARIZE), an
 * EXPLAIN [ANALYZE] of one, or {@code PRAGMA table_info(...)} (run as the equivalent SELECT) gets to run. A COPY,
 * ATTACH, EXPORT, CREATE, INSERT, UPDATE, DELETE, INSTALL, LOAD or SET is refused before anything executes: DuckDB
 * executes a write statement even when the JDBC call then complains that it returned no result set.
 *
 * <p>The connection is then locked as a second wall: no file outside the lakehouse can be read or written (so no
 * ATTACH or COPY elsewhere, no reading other files) and no setting can change afterwards. DuckDB cannot forbid writes
 * inside a directory it may read, so the parser check is what keeps the lakehouse's own files unwritten.
 */
public final class ReadOnlySql {

    /** What DuckDB's parser makes of a statement that may run. */
    public static final String ALLOWED = "SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN [ANALYZE] of "
            + "one of these, PRAGMA table_info(...)";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EXPLAIN = Pattern.compile("(?is)^\\s*EXPLAIN(?:\\s+ANALYZE)?\\s+(.*)$");
    private static final Pattern TABLE_INFO = Pattern.compile("(?is)^\\s*PRAGMA\\s+table_info\\s*\\((.*)\\)\\s*$");

    private ReadOnlySql() {}

    /** A statement {@link #statement} refused; nothing was run. */
    public static final class NotReadOnly extends RuntimeException {
        NotReadOnly(String message) {
            super(message);
        }
    }

    /**
     * The statement to run for {@code sql}: the text itself when DuckDB parses it as one read statement, the
     * equivalent SELECT for {@code PRAGMA table_info}; else {@link NotReadOnly}, having run nothing.
     */
    public static String statement(Connection c, String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        Matcher explain = EXPLAIN.matcher(s);
        if (explain.matches()) {
            requireSelect(c, explain.group(1), sql);
            return s;
        }
        Matcher info = TABLE_INFO.matcher(s);
        if (info.matches()) {
            String select = "SELECT * FROM pragma_table_info(" + info.group(1) + ")";
            requireSelect(c, select, sql);
            return select;
        }
        requireSelect(c, s, sql);
        return s;
    }

    private static void requireSelect(Connection c, String candidate, String original) {
        JsonNode parsed;
        try (PreparedStatement ps = c.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
            ps.setString(1, candidate);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                parsed = JSON.readTree(rs.getString(1));
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot parse the statement with DuckDB: " + e.getMessage(), e);
        }
        if (!parsed.path("error").asBoolean(true) && parsed.path("statements").size() == 1) {
            return;
        }
        String why = parsed.path("error").asBoolean(true)
                ? parsed.path("error_type").asText("") + ": "
                        + parsed.path("error_message").asText("")
                : parsed.path("statements").size() + " statements";
        String head = original.strip();
        head = head.length() > 60 ? head.substring(0, 60) + "..." : head;
        throw new NotReadOnly("hrdd sql runs one read statement (" + ALLOWED + "); DuckDB parses \"" + head
                + "\" otherwise ("
                + why.toLowerCase(Locale.ROOT)
                        .replace("only select statements can be serialized to " + "json!", "not a SELECT")
                + "), so nothing was run");
    }

    /**
     * Locks {@code c} (views already created over {@code lakehouse}): files outside the lakehouse cannot be read or
     * written, extensions cannot be installed or loaded, and no setting can be changed back.
     */
    public static void lock(Connection c, Path lakehouse) {
        String dir = lakehouse.toAbsolutePath().normalize().toString();
        dir = dir.endsWith("/") ? dir : dir + "/";
        try (Statement st = c.createStatement()) {
            st.execute("SET autoinstall_known_extensions = false");
            st.execute("SET autoload_known_extensions = false");
            st.execute("SET allowed_directories = ['" + dir.replace("'", "''") + "']");
            st.execute("SET enable_external_access = false");
            st.execute("SET lock_configuration = true");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lock the DuckDB connection: " + e.getMessage(), e);
        }
    }
}
