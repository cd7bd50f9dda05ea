package org.hrdd.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.hrdd.config.ConfigException;

/**
 * One writer at a time per lakehouse: {@code <lakehouse>/_pipeline/lock}, created atomically, holding the run id,
 * host, process id and start time. {@code hrdd run} and every command that writes the lakehouse (ingest, refine,
 * analyse, score, indicators, erase, demo) take it, so a manual command beside a scheduled step is refused with the
 * owner's details; a lock left by a process that no longer runs (same host) is reported as stale and can be broken
 * with {@code --break-lock}. Within one process the lock is re-entrant: the steps {@code hrdd run} executes in-process
 * run under the run's lock. A lakehouse on a Hadoop file system (hdfs:, s3a:, abfss:) keeps the lock file there,
 * created with overwrite off (atomic on HDFS and ABFS; on S3 two writers starting within the same moment can both win).
 */
public final class LakehouseLock implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Locks this process holds, by lock file. */
    private static final java.util.Set<String> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Locks lent to the steps a holder runs on this thread ({@link #lend}): acquiring one of them is nested. */
    private static final ThreadLocal<java.util.Set<String>> LENT = ThreadLocal.withInitial(java.util.HashSet::new);

    private final Path file;
    private final org.apache.hadoop.fs.Path remote;
    private final boolean nested;

    private LakehouseLock(Path file, org.apache.hadoop.fs.Path remote, boolean nested) {
        this.file = file;
        this.remote = remote;
        this.nested = nested;
    }

    /**
     * Takes the lock of a lakehouse root as the configuration names it: a local folder or {@code file:} URI, or a
     * Hadoop file system URI.
     */
    public static LakehouseLock acquire(String lakehouseRoot, String runId, Instant startedAt, boolean breakStale) {
        if (!lakehouseRoot.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || lakehouseRoot.matches("^[a-zA-Z]:[\\\\/].*")) {
            return acquire(Path.of(lakehouseRoot), runId, startedAt, breakStale);
        }
        if (lakehouseRoot.startsWith("file:")) {
            return acquire(
                    Path.of(java.net.URI.create(
                            lakehouseRoot.startsWith("file://")
                                    ? lakehouseRoot
                                    : "file://" + lakehouseRoot.substring(5))),
                    runId,
                    startedAt,
                    breakStale);
        }
        org.apache.hadoop.fs.Path f =
                new org.apache.hadoop.fs.Path(lakehouseRoot.replaceAll("/+$", "") + "/_pipeline/lock");
        if (LENT.get().contains(f.toString())) {
            return new LakehouseLock(null, f, true);
        }
        if (!HELD.add(f.toString())) {
            throw new ConfigException(
                    "the lakehouse is in use (lock " + f + "): " + remoteOwner(f) + "; wait for it to finish");
        }
        try {
            org.apache.hadoop.fs.FileSystem fs = f.getFileSystem(new org.apache.hadoop.conf.Configuration());
            if (breakStale) {
                fs.delete(f, false);
            }
            try (org.apache.hadoop.fs.FSDataOutputStream out = fs.create(f, false)) {
                out.write(owner(runId, startedAt).getBytes(StandardCharsets.UTF_8));
            }
            return new LakehouseLock(null, f, false);
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            HELD.remove(f.toString());
            throw new ConfigException("the lakehouse is in use (lock " + f + "): " + remoteOwner(f)
                    + "; wait for it to finish or, if it no longer runs, rerun with --break-lock");
        } catch (IOException e) {
            HELD.remove(f.toString());
            throw new UncheckedIOException("cannot take the lakehouse lock " + f, e);
        }
    }

    private static String remoteOwner(org.apache.hadoop.fs.Path f) {
        try (java.io.InputStream in =
                f.getFileSystem(new org.apache.hadoop.conf.Configuration()).open(f)) {
            JsonNode o = JSON.readTree(in);
            return "run " + o.path("run_id").asText() + " (pid " + o.path("pid").asText() + " on "
                    + o.path("host").asText() + ", since "
                    + o.path("started_at").asText() + ")";
        } catch (IOException | RuntimeException e) {
            return "owner unreadable (" + e.getMessage() + ")";
        }
    }

    private static String owner(String runId, Instant startedAt) {
        return JSON.createObjectNode()
                .put("run_id", runId)
                .put("host", host())
                .put("pid", ProcessHandle.current().pid())
                .put("started_at", startedAt.toString())
                .toString();
    }

    public static Path file(Path lakehouse) {
        return lakehouse.resolve("_pipeline").resolve("lock");
    }

    /** Takes the lock, recording when the run started, or throws a {@link ConfigException} that names its owner. */
    public static LakehouseLock acquire(Path lakehouse, String runId, Instant startedAt, boolean breakStale) {
        Path f = file(lakehouse.toAbsolutePath().normalize());
        if (LENT.get().contains(f.toString())) {
            return new LakehouseLock(f, null, true);
        }
        if (!HELD.add(f.toString())) {
            throw new ConfigException(describe(f)); // held by this process, not lent to this step
        }
        try {
            Files.createDirectories(f.getParent());
            if (breakStale && Files.exists(f)) {
                Files.delete(f);
            }
            Files.writeString(
                    f,
                    owner(runId, startedAt),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            return new LakehouseLock(f, null, false);
        } catch (FileAlreadyExistsException e) {
            HELD.remove(f.toString());
            throw new ConfigException(describe(f));
        } catch (IOException e) {
            HELD.remove(f.toString());
            throw new UncheckedIOException("cannot take the lakehouse lock " + f, e);
        }
    }

    static String describe(Path f) {
        try {
            JsonNode o = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
            long pid = o.path("pid").asLong();
            boolean sameHost = host().equals(o.path("host").asText());
            boolean alive = !sameHost
                    || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            String who = "run " + o.path("run_id").asText() + " (pid " + pid + " on "
                    + o.path("host").asText() + ", since "
                    + o.path("started_at").asText() + ")";
            return alive
                    ? "the lakehouse is in use by " + who + "; wait for it to finish (lock " + f + ")"
                    : "the lakehouse lock " + f + " was left by " + who
                            + ", which no longer runs; rerun with --break-lock";
        } catch (IOException | RuntimeException e) {
            return "the lakehouse is locked (" + f + ", unreadable: " + e.getMessage()
                    + "); if no run is active, rerun with " + "--break-lock";
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /**
     * Runs the holder's steps on this thread under its lock: a command a step runs in-process takes the lock as a
     * nested one, which its end does not release.
     */
    public <T> T lend(java.util.function.Supplier<T> steps) {
        String key = remote != null ? remote.toString() : file.toString();
        boolean added = LENT.get().add(key);
        try {
            return steps.get();
        } finally {
            if (added) {
                LENT.get().remove(key);
            }
        }
    }

    @Override
    public void close() {
        if (nested) {
            return; // the outer holder releases it
        }
        try {
            if (remote != null) {
                remote.getFileSystem(new org.apache.hadoop.conf.Configuration()).delete(remote, false);
            } else {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lakehouse lock " + (remote != null ? remote : file), e);
        } finally {
            HELD.remove(remote != null ? remote.toString() : file.toString());
        }
    }
}
