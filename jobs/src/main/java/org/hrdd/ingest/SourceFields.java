package org.hrdd.ingest;

import java.util.Set;
import org.apache.spark.sql.Column;

/** How a raw export dataset exposes its source fields (CSV headers or JSON keys) to {@link BronzeShaper}. */
public interface SourceFields {

    /** The raw value of a header / key as a string column, or null when the file does not have it. */
    Column field(String name);

    /** Fields not in {@code consumed}, as a JSON object string; null when there are none. */
    Column rescued(Set<String> consumed);

    /** The raw record when it could not be parsed, else null. */
    Column corrupt();
}
