package org.hrdd.spark;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Spark work done between {@link #reset()} and {@link #snapshot()}: jobs, tasks, executor run and CPU time, bytes
 * read, shuffled and written (a listener on the session's context; used by {@code hrdd bench}).
 */
public final class StageMetrics extends SparkListener {

    /** Totals since the last reset. CPU share = executor CPU time / (wall time × cores). */
    public record Snapshot(
            long jobs,
            long tasks,
            long executorRunMillis,
            long executorCpuMillis,
            long gcMillis,
            long inputBytes,
            long shuffleReadBytes,
            long shuffleWriteBytes,
            long outputBytes,
            long spilledBytes) {}

    private final AtomicLong jobs = new AtomicLong();
    private final AtomicLong tasks = new AtomicLong();
    private final AtomicLong runMillis = new AtomicLong();
    private final AtomicLong cpuNanos = new AtomicLong();
    private final AtomicLong gcMillis = new AtomicLong();
    private final AtomicLong input = new AtomicLong();
    private final AtomicLong shuffleRead = new AtomicLong();
    private final AtomicLong shuffleWrite = new AtomicLong();
    private final AtomicLong output = new AtomicLong();
    private final AtomicLong spilled = new AtomicLong();

    /** Registers a new listener on the session's context. */
    public static StageMetrics register(org.apache.spark.sql.SparkSession spark) {
        StageMetrics m = new StageMetrics();
        spark.sparkContext().addSparkListener(m);
        return m;
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        jobs.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        tasks.incrementAndGet();
        TaskMetrics m = taskEnd.taskMetrics();
        if (m == null) {
            return;
        }
        runMillis.addAndGet(m.executorRunTime());
        cpuNanos.addAndGet(m.executorCpuTime());
        gcMillis.addAndGet(m.jvmGCTime());
        input.addAndGet(m.inputMetrics().bytesRead());
        shuffleRead.addAndGet(m.shuffleReadMetrics().totalBytesRead());
        shuffleWrite.addAndGet(m.shuffleWriteMetrics().bytesWritten());
        output.addAndGet(m.outputMetrics().bytesWritten());
        spilled.addAndGet(m.diskBytesSpilled());
    }

    public void reset() {
        for (AtomicLong a : new AtomicLong[] {
            jobs, tasks, runMillis, cpuNanos, gcMillis, input, shuffleRead, shuffleWrite, output, spilled
        }) {
            a.set(0);
        }
    }

    /** Totals so far; call after the stage's jobs have finished (listener events arrive asynchronously). */
    public Snapshot snapshot(org.apache.spark.sql.SparkSession spark) {
        // events are delivered on the listener bus thread: wait until what was posted has been processed
        try {
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } catch (Exception e) {
            // a bus that cannot drain only makes the figures slightly low
        }
        return new Snapshot(
                jobs.get(),
                tasks.get(),
                runMillis.get(),
                cpuNanos.get() / 1_000_000,
                gcMillis.get(),
                input.get(),
                shuffleRead.get(),
                shuffleWrite.get(),
                output.get(),
                spilled.get());
    }
}
