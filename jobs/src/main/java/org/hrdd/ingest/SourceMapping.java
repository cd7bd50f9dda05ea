package org.hrdd.ingest;

import java.nio.file.Path;
import java.util.List;

/**
 * One {@code conf/sources/<system>.yaml}: how a source system's exports map onto bronze tables.
 *
 * @param file the mapping file (named in every error about it)
 * @param system id written to {@code _source_system}
 * @param maxQuarantineShare this source's quality-gate limit, or null for {@code quality.max_quarantine_share}
 * @param evidence what the source's rows are (declared, or implied by the tables its feeds fill)
 */
public record SourceMapping(
        Path file, String system, String description, Double maxQuarantineShare, Evidence evidence, List<Feed> feeds) {

    public SourceMapping {
        feeds = List.copyOf(feeds);
    }

    public SourceMapping(Path file, String system, String description, Double maxQuarantineShare, List<Feed> feeds) {
        this(file, system, description, maxQuarantineShare, Evidence.implied(feeds), feeds);
    }

    /**
     * What a source's rows are, which decides where they count. Worker voice is a worker reached, who may report;
     * a third-party grievance is an issue an NGO, union, community or journalist raises about a company, which never
     * counts as a worker reached; an audit is a social audit's header or findings. The supplier master and the
     * remediation log describe facilities and actions, not evidence of impacts.
     */
    public enum Evidence {
        WORKER_VOICE("helpline_case", "survey_question", "survey_response"),
        THIRD_PARTY_GRIEVANCE("grievance_case"),
        AUDIT("audit", "audit_finding"),
        SUPPLIER_MASTER("facility", "brand_facility"),
        REMEDIATION("cap");

        private final List<String> tables;

        Evidence(String... tables) {
            this.tables = List.of(tables);
        }

        /** The bronze tables (without "bronze.") a source of this kind feeds. */
        public List<String> tables() {
            return tables;
        }

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Evidence ofCode(String code) {
            for (Evidence e : values()) {
                if (e.code().equals(code)) {
                    return e;
                }
            }
            return null;
        }

        /** The kind of the table a feed fills. */
        public static Evidence ofTable(String bronzeTable) {
            String name = bronzeTable.startsWith("bronze.") ? bronzeTable.substring(7) : bronzeTable;
            for (Evidence e : values()) {
                if (e.tables.contains(name)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("no evidence kind fills " + bronzeTable);
        }

        static Evidence implied(List<Feed> feeds) {
            return feeds.isEmpty() ? null : ofTable(feeds.get(0).table());
        }
    }

    /** {@code conf/sources/<name>.yaml}, as error messages name it. */
    public String displayName() {
        Path parent = file.getParent();
        String dir = parent == null || parent.getFileName() == null ? "" : parent.getFileName() + "/";
        Path grand = parent == null ? null : parent.getParent();
        String conf = grand == null || grand.getFileName() == null ? "" : grand.getFileName() + "/";
        return conf + dir + file.getFileName();
    }
}
