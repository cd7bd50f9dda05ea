package org.hrdd.ingest;

import java.nio.file.Path;

/**
 * One export file found under the --input folder.
 *
 * @param path absolute local path
 * @param relativePath path relative to the --input folder, with '/' separators (written to {@code _source_file})
 * @param sha256 hex SHA-256 of the whole file
 */
public record ExportFile(Path path, String relativePath, String sha256, long bytes) {}
