package org.hrdd.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
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

    private Concurrently() {}

    /**
     * Runs the pieces, at most {@code threads} at once, started in the order given (put the longest first). On the
     * first failure (the first to end in one) the pieces not yet started are cancelled, the running ones end (a Delta
     * commit is whole or absent), and the piece's own exception is rethrown, with failures of pieces that were running
     * beside it added as suppressed. It returns or throws only once no piece runs any more.
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
        ExecutorCompletionService<T> done = new ExecutorCompletionService<>(pool);
        List<Future<T>> submitted = new ArrayList<>();
        RuntimeException failure = null;
        try {
            pieces.forEach(p -> submitted.add(done.submit(p)));
            for (int i = 0; i < pieces.size() && failure == null; i++) {
                try {
                    done.take().get();
                } catch (ExecutionException e) {
                    failure = unwrap(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new IllegalStateException(name + " interrupted", e);
                }
            }
        } finally {
            if (failure != null) {
                submitted.forEach(f -> f.cancel(false));
            }
            pool.shutdown();
            awaitUninterruptibly(name, pool);
        }
        if (failure != null) {
            for (Future<T> f : submitted) {
                Throwable other = failureOf(f);
                if (other != null && other != failure) {
                    failure.addSuppressed(other);
                }
            }
            throw failure;
        }
        List<T> out = new ArrayList<>();
        for (Future<T> f : submitted) {
            out.add(resultOf(f));
        }
        return out;
    }

    /** Waits for the pool's pieces to end, an interrupt notwithstanding (kept for the caller). */
    private static void awaitUninterruptibly(String name, ExecutorService pool) {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                        return;
                    }
                    LOG.info("{}: waiting for the pieces still running", name);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The failure of an ended piece, or null (succeeded or cancelled). */
    private static Throwable failureOf(Future<?> f) {
        if (!f.isDone() || f.isCancelled()) {
            return null;
        }
        try {
            f.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | CancellationException e) {
            return null;
        }
    }

    /** The result of a piece that ended well (every piece has, when this is called). */
    private static <T> T resultOf(Future<T> f) {
        try {
            return f.get();
        } catch (ExecutionException | InterruptedException e) {
            throw new IllegalStateException("a piece that ended well has no result", e);
        }
    }

    private static <T> T call(Callable<T> p) {
        try {
            return p.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
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
