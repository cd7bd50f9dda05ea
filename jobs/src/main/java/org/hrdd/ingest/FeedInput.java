package org.hrdd.ingest;

import java.util.List;
import org.hrdd.schemas.Contract;

/** A feed of one source mapping with its bronze contract and the new export files to read. */
public record FeedInput(SourceMapping mapping, Feed feed, Contract contract, List<ExportFile> files) {

    public FeedInput {
        files = List.copyOf(files);
    }
}
