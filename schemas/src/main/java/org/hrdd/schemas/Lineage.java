package org.hrdd.schemas;

import java.util.List;

/** Names of the lineage columns every bronze table carries (see the bronze contracts). */
public final class Lineage {

    /** Id of the conf/sources mapping that read the row. */
    public static final String SOURCE_SYSTEM = "_source_system";
    /** Export file path relative to the --input folder. */
    public static final String SOURCE_FILE = "_source_file";
    /** 1-based record number within the file, header excluded. */
    public static final String SOURCE_ROW = "_source_row";
    /** SHA-256 of the whole export file. */
    public static final String FILE_SHA256 = "_file_sha256";
    /** Run that landed the row. */
    public static final String RUN_ID = "_run_id";
    /** Run date of the ingest. */
    public static final String INGESTED_ON = "_ingested_on";
    /** Unmapped source columns as a JSON object, null when none. */
    public static final String RESCUED_DATA = "_rescued_data";
    /** Raw record the reader could not parse. */
    public static final String CORRUPT_RECORD = "_corrupt_record";
    /** Why the source mapping's row filters leave the row out of silver (refine quarantines it as such), else null. */
    public static final String EXCLUDED_BY = "_excluded_by";

    public static final List<String> ALL = List.of(
            SOURCE_SYSTEM,
            SOURCE_FILE,
            SOURCE_ROW,
            FILE_SHA256,
            RUN_ID,
            INGESTED_ON,
            RESCUED_DATA,
            CORRUPT_RECORD,
            EXCLUDED_BY);

    private Lineage() {}
}
