package org.hrdd.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * A small JSON record kept at the lakehouse root (e.g. what silver or gold was last computed from), on any Hadoop file
 * system.
 */
public final class LakehouseJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LakehouseJson() {}

    /** The file's object, or null when there is none. */
    public static Map<?, ?> read(SparkSession spark, Lakehouse lh, String file) {
        Path p = path(lh, file);
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(p)) {
                return null;
            }
            try (InputStream in = fs.open(p)) {
                return JSON.readValue(in, Map.class);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /** Removes the file if it exists; {@code what} names it in the error. */
    public static void delete(SparkSession spark, Lakehouse lh, String file, String what) {
        Path p = path(lh, file);
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(p) && !fs.delete(p, false)) {
                throw new IOException("could not delete " + p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the " + what + " " + p, e);
        }
    }

    /** Writes (replaces) the file; {@code what} names it in the error. */
    public static void write(SparkSession spark, Lakehouse lh, String file, Map<String, Object> content, String what) {
        Path p = path(lh, file);
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (OutputStream out = fs.create(p, true)) {
                JSON.writerWithDefaultPrettyPrinter().writeValue(out, content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + what + " " + p, e);
        }
    }

    private static Path path(Lakehouse lh, String file) {
        return new Path(lh.root() + "/" + file);
    }
}
