package org.hrdd.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Independent pieces of a job's Spark work run a few at a time from driver threads, so that one piece's driver work
 * (planning, Delta log, commit, collecting a small result) overlaps another's tasks: a step's work is a string of
 * Spark jobs with the cores idle between them. Each piece must write only its own tables. Results come back in the
 * pieces' order, whatever order they ended in.
 */
public final class Concurrently {

    private static final Logger LOG = LogManager.getLogger(Concurrently.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private Concurrently() {
    }

    /**
     * Runs the pieces, at most {@code threads} at once, in the order given (put the longest first). On the first
     * failure (in list order) the pieces not yet started are cancelled, the running ones end (a Delta commit is whole
     * or absent), and the piece's own exception is rethrown.
     *
     * @param name names the threads (e.g. "ingest")
     */
    public static <T> List<T> run(String name, int threads, List<Callable<T>> pieces) {
        if (pieces.size() <= 1 || threads <= 1) {
            List<T> out = new ArrayList<>();
            for (Callable<T> p : pieces) {
                out.add(call(p));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, pieces.size()), r -> {
            Thread t = new Thread(r, "hrdd-" + name + "-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<Future<T>> running = new ArrayList<>();
        try {
            pieces.forEach(p -> running.add(pool.submit(p)));
            List<T> out = new ArrayList<>();
            for (Future<T> f : running) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    running.forEach(other -> other.cancel(false));
                    throw unwrap(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running.forEach(other -> other.cancel(false));
                    throw new IllegalStateException(name + " interrupted", e);
                }
            }
            return out;
        } finally {
            pool.shutdown();
            try {
                while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    LOG.info("{}: waiting for the pieces still running", name);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <T> T call(Callable<T> p) {
        try {
            return p.call();
        } catch (Exception e) {
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(cause);
    }
}
