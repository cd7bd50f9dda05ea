package org.hrdd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hrdd.pipeline.LakehouseLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that writes the lakehouse takes its lock: beside a scheduled step (its lock written by another
 * process, here another host) a manual command is refused with the owner named, and --break-lock takes it over.
 */
class WriterLockTest {

    @TempDir
    Path tmp;

    @Test
    void aWritingCommandIsRefusedWhileAnotherWriterHoldsTheLockAndBreakLockGoesOn() throws Exception {
        Path lakehouse = tmp.resolve("lh");
        Path lock = LakehouseLock.file(lakehouse);
        Files.createDirectories(lock.getParent());
        String owner = "{\"run_id\":\"r20261008-000000-dag1\",\"host\":\"airflow-worker-7\",\"pid\":4242,"
                + "\"started_at\":\"2026-10-08T00:00:05Z\"}";
        Files.writeString(lock, owner);
        Path in = Files.createDirectories(tmp.resolve("in"));
        // a configuration with a pseudonym key, so that refine and erase get as far as the lock
        Path conf = tmp.resolve("conf");
        org.hrdd.testing.SampleLakehouse.copyTree(Path.of(HrddCliIT.CONF), conf);
        Path key = Files.writeString(tmp.resolve("test.key"), "a-test-key-of-more-than-16-bytes");
        Path yaml = conf.resolve("application.yaml");
        Files.writeString(
                yaml,
                Files.readString(yaml).replace("pseudonym_key_file: null", "pseudonym_key_file: \"" + key + "\""));

        for (String[] command : new String[][] {
            {"ingest", "--input", in.toString(), "--run-date", "2026-10-15"},
            {"refine", "--run-date", "2026-10-15"},
            {"analyse", "--period", "2026-Q3", "--run-date", "2026-10-15"},
            {"score", "--period", "2026-Q3", "--run-date", "2026-10-15"},
            {"indicators", "--period", "2026-Q3", "--run-date", "2026-10-15"},
            {"erase", "--worker-key", "+66 81 234 5678", "--run-date", "2026-10-15"}
        }) {
            HrddCliIT.Result r = HrddCliIT.run(
                    concat(new String[] {"--conf", conf.toString(), "--lakehouse", lakehouse.toString()}, command));
            assertThat(r.code()).as(command[0] + ": " + r.err()).isEqualTo(Hrdd.USAGE);
            assertThat(r.err())
                    .as(command[0])
                    .contains("the lakehouse is in use by run r20261008-000000-dag1 (pid 4242 on "
                            + "airflow-worker-7, since 2026-10-08T00:00:05Z); wait for it to finish");
            assertThat(Files.readString(lock))
                    .as(command[0] + " leaves the owner's lock alone")
                    .isEqualTo(owner);
        }

        HrddCliIT.Result broken = HrddCliIT.run(
                "--conf",
                conf.toString(),
                "--lakehouse",
                lakehouse.toString(),
                "ingest",
                "--input",
                in.toString(),
                "--run-date",
                "2026-10-15",
                "--break-lock");
        assertThat(broken.code()).as(broken.err()).isZero();
        assertThat(lock).as("released when the command ends").doesNotExist();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
