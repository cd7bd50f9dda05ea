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
 * One pipeline run at a time per lakehouse: {@code <lakehouse>/_pipeline/lock}, created atomically, holding the run
 * id, host, process id and start time. A second run is refused with the owner's details; a lock left by a process
 * that no longer runs (same host) is reported as stale and can be broken with {@code --break-lock}.
 */
public final class LakehouseLock implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    private LakehouseLock(Path file) {
        this.file = file;
    }

    public static Path file(Path lakehouse) {
        return lakehouse.resolve("_pipeline").resolve("lock");
    }

    /** Takes the lock, recording when the run started, or throws a {@link ConfigException} that names its owner. */
    public static LakehouseLock acquire(Path lakehouse, String runId, Instant startedAt, boolean breakStale) {
        Path f = file(lakehouse);
        try {
            Files.createDirectories(f.getParent());
            if (breakStale && Files.exists(f)) {
                Files.delete(f);
            }
            String owner = JSON.createObjectNode().put("run_id", runId).put("host", host())
                    .put("pid", ProcessHandle.current().pid()).put("started_at", startedAt.toString()).toString();
            Files.writeString(f, owner, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new LakehouseLock(f);
        } catch (FileAlreadyExistsException e) {
            throw new ConfigException(describe(f));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the lakehouse lock " + f, e);
        }
    }

    static String describe(Path f) {
        try {
            JsonNode o = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
            long pid = o.path("pid").asLong();
            boolean sameHost = host().equals(o.path("host").asText());
            boolean alive = !sameHost || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            String who = "run " + o.path("run_id").asText() + " (pid " + pid + " on " + o.path("host").asText()
                    + ", since " + o.path("started_at").asText() + ")";
            return alive
                    ? "the lakehouse is in use by " + who + "; wait for it to finish (lock " + f + ")"
                    : "the lakehouse lock " + f + " was left by " + who + ", which no longer runs; rerun with --break-lock";
        } catch (IOException | RuntimeException e) {
            return "the lakehouse is locked (" + f + ", unreadable: " + e.getMessage() + "); if no run is active, rerun with "
                    + "--break-lock";
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lakehouse lock " + file, e);
        }
    }
}
