package dev.vivace.wal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.ingest.LogPosition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** head() and release() while several threads append, as the ingester uses them. */
class WriteAheadLogConcurrencyTest {

  @TempDir Path dir;

  @Test
  void headNeverGoesBackAndNoAppendLandsBeforeAHeadSeenBeforeIt() throws Exception {
    WriteAheadLog log = WriteAheadLog.builder(dir).segmentBytes(1024).sync(false).build();
    int appenders = 3;
    int perAppender = 300;
    ExecutorService pool = Executors.newFixedThreadPool(appenders + 2);
    AtomicBoolean done = new AtomicBoolean();
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<LogPosition> acknowledged = new ConcurrentLinkedQueue<>();
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> appending = new ArrayList<>();
      for (int a = 0; a < appenders; a++) {
        int id = a;
        appending.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < perAppender; i++) {
                    LogPosition before = log.head();
                    LogPosition at = log.append("t" + id, WriteAheadLogTest.batch(i % 200)).join();
                    if (at.compareTo(before) < 0) {
                      violations.add("append at " + at + " before head " + before);
                    }
                    acknowledged.add(at);
                  }
                  return null;
                }));
      }
      // Watches head() and, like the ingester, releases up to a head it saw earlier.
      Future<?> watching =
          pool.submit(
              () -> {
                go.await();
                LogPosition last = LogPosition.START;
                while (!done.get()) {
                  LogPosition now = log.head();
                  if (now.compareTo(last) < 0) {
                    violations.add("head went back from " + last + " to " + now);
                  }
                  log.release(last);
                  last = now;
                }
                return null;
              });
      go.countDown();
      for (Future<?> f : appending) {
        f.get(30, TimeUnit.SECONDS);
      }
      done.set(true);
      watching.get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    LogPosition end = log.head();
    log.close();

    assertThat(violations).isEmpty();
    assertThat(acknowledged).hasSize(appenders * perAppender).doesNotHaveDuplicates();
    assertThat(acknowledged).allSatisfy(p -> assertThat(p).isLessThan(end));
  }

  @Test
  void everyAppendIsAnsweredWhenTheLogClosesUnderIt() throws Exception {
    for (int trial = 0; trial < 100; trial++) {
      WriteAheadLog log = WriteAheadLog.builder(dir.resolve("t" + trial)).sync(false).build();
      List<CompletableFuture<LogPosition>> answers =
          Collections.synchronizedList(new ArrayList<>());
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> appenders = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        Thread a =
            new Thread(
                () -> {
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  // Append until the log says it is closed: some appends race the close.
                  for (int i = 0; ; i++) {
                    CompletableFuture<LogPosition> answer =
                        log.append("t", WriteAheadLogTest.batch(i));
                    answers.add(answer);
                    if (answer.isCompletedExceptionally()) {
                      break;
                    }
                  }
                });
        a.start();
        appenders.add(a);
      }
      go.countDown();
      log.close();
      for (Thread a : appenders) {
        a.join();
      }
      for (CompletableFuture<LogPosition> answer : answers) {
        // Written, or refused because the log closed: never left waiting.
        assertThat(answer.handle((position, failure) -> true))
            .as("trial %d", trial)
            .succeedsWithin(Duration.ofSeconds(5));
      }
    }
  }
}
