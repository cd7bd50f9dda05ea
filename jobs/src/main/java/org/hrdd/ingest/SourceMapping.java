package org.hrdd.ingest;

import java.nio.file.Path;
import java.util.List;

/**
 * One {@code conf/sources/<system>.yaml}: how a source system's exports map onto bronze tables.
 *
 * @param file the mapping file (named in every error about it)
 * @param system id written to {@code _source_system}
 * @param maxQuarantineShare this source's quality-gate limit, or null for {@code quality.max_quarantine_share}
 */
public record SourceMapping(Path file, String system, String description, Double maxQuarantineShare, List<Feed> feeds) {

    public SourceMapping {
        feeds = List.copyOf(feeds);
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
