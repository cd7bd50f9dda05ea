package org.hrdd.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Pieces of work on driver threads: results in the given order, at most n at once, the first failure as it was. */
class ConcurrentlyTest {

    @Test
    void resultsComeBackInThePiecesOrderWhateverOrderTheyEndIn() {
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        List<Callable<String>> pieces = List.of(
                () -> {
                    // the first piece ends only after the second has
                    assertThat(firstMayEnd.await(10, TimeUnit.SECONDS)).isTrue();
                    return "slow";
                },
                () -> {
                    firstMayEnd.countDown();
                    return "fast";
                },
                () -> "third");
        assertThat(Concurrently.run("test", 2, pieces)).containsExactly("slow", "fast", "third");
    }

    @Test
    void noMoreThanTheGivenNumberRunAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Callable<Integer>> pieces = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            pieces.add(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                Thread.sleep(30);
                running.decrementAndGet();
                return n;
            });
        }
        assertThat(Concurrently.run("test", 2, pieces)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void aFailureIsRethrownAsItWasAndThePiecesNotStartedDoNotRun() {
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        List<Callable<Integer>> pieces = new ArrayList<>();
        pieces.add(() -> {
            ran.add(0);
            throw new IllegalArgumentException("piece 0 broke");
        });
        pieces.addAll(sleepers(1, 40, ran));
        assertThatThrownBy(() -> Concurrently.run("test", 2, pieces))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("piece 0 broke");
        // piece 0 fails at once; only the pieces that had started on the other thread by then ran
        assertThat(ran).contains(0).hasSizeLessThan(40);
    }

    @Test
    void aLaterPieceFailingIsSeenWhileAnEarlierOneStillRunsAndTheCallWaitsForIt() {
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        AtomicInteger firstEnded = new AtomicInteger();
        // piece 1 fails only once piece 0 runs: on a busy machine piece 0's thread could otherwise start after the
        // failure, be cancelled before it ran, and the test would see no earlier piece running at all
        java.util.concurrent.CountDownLatch firstStarted = new java.util.concurrent.CountDownLatch(1);
        List<Callable<Integer>> pieces = new ArrayList<>();
        pieces.add(() -> {
            firstStarted.countDown();
            Thread.sleep(500);
            firstEnded.set(1);
            return 0;
        });
        pieces.add(() -> {
            firstStarted.await();
            throw new IllegalStateException("piece 1 broke");
        });
        pieces.addAll(sleepers(2, 40, ran));
        assertThatThrownBy(() -> Concurrently.run("test", 2, pieces))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("piece 1 broke");
        // the failure cancelled the pieces after it without waiting for piece 0, and the call returned after piece 0
        // ended
        assertThat(ran).hasSizeLessThan(5);
        assertThat(firstEnded.get()).isEqualTo(1);
    }

    @Test
    void aCheckedExceptionComesWrappedWithItsCause() {
        List<Callable<Integer>> pieces = List.of(() -> 1, () -> {
            throw new java.io.IOException("disk gone");
        });
        assertThatThrownBy(() -> Concurrently.run("test", 2, pieces))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("disk gone");
    }

    @Test
    void oneThreadRunsThePiecesInOrderOnTheCallersThread() {
        List<String> threads = new ArrayList<>();
        List<Callable<Integer>> pieces = List.of(
                () -> {
                    threads.add(Thread.currentThread().getName());
                    return 1;
                },
                () -> {
                    threads.add(Thread.currentThread().getName());
                    return 2;
                });
        assertThat(Concurrently.run("test", 1, pieces)).containsExactly(1, 2);
        assertThat(threads).containsOnly(Thread.currentThread().getName());
    }

    /** Pieces {@code from} to {@code to} (exclusive): each notes it ran, sleeps 50 ms and returns its number. */
    private static List<Callable<Integer>> sleepers(int from, int to, Set<Integer> ran) {
        List<Callable<Integer>> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            int n = i;
            out.add(() -> {
                ran.add(n);
                Thread.sleep(50);
                return n;
            });
        }
        return out;
    }
}
