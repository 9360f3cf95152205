package dev.vivace.credentials.rrsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vivace.testing.logging.LogCapture;
import dev.vivace.testing.sts.StsEmulatorExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The production scheduler: one daemon thread, single-flight exchanges, stopped by close(). */
class RrsaThreadingTest {

  static final EmulatorHarness h = new EmulatorHarness();
  @RegisterExtension static final StsEmulatorExtension server = h.server;
  @RegisterExtension static final LogCapture logs = h.logs;

  @TempDir Path dir;

  @BeforeEach
  void setUp() {
    h.reset(dir);
  }

  RrsaCredentialsProvider realProvider() {
    return RrsaCredentialsProvider.builder()
        .environment(h.env())
        .allowHttp(true)
        .clock(h.clock)
        .build();
  }

  static Set<String> refreshThreads() {
    Set<String> names = ConcurrentHashMap.newKeySet();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(ExecutorRefreshScheduler.THREAD_NAME_PREFIX) && t.isAlive()) {
        names.add(t.getName());
      }
    }
    return names;
  }

  @Test
  void buildStartsNoThreadAndCloseStopsIt() {
    Set<String> before = refreshThreads();
    RrsaCredentialsProvider provider = realProvider();
    assertThat(refreshThreads()).isEqualTo(before);

    provider.resolveCredentials();
    Set<String> during = refreshThreads();
    assertThat(during).hasSize(before.size() + 1);

    provider.close();
    // close() waits for the executor to terminate; the thread itself may take a moment to exit.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(refreshThreads()).isEqualTo(before));
    assertThatThrownBy(provider::resolveCredentials)
        .isInstanceOf(SdkClientException.class)
        .hasMessage("RrsaCredentialsProvider is closed");
    provider.close(); // idempotent
  }

  @Test
  void concurrentCallersShareOneExchange() throws Exception {
    int threads = 32;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (RrsaCredentialsProvider provider = realProvider()) {
      List<CompletableFuture<String>> keys =
          ConcurrentCalls.start(pool, threads, () -> provider.resolveCredentials().accessKeyId());
      for (CompletableFuture<String> k : keys) {
        assertThat(k.get()).isEqualTo(h.issued(0).accessKeyId());
      }
      assertThat(h.requests()).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void invalidateRefreshesOnTheRefreshThread() {
    try (RrsaCredentialsProvider provider = realProvider()) {
      provider.resolveCredentials();
      assertThat(provider.invalidate()).isTrue();
      await().atMost(Duration.ofSeconds(10)).until(() -> h.sts.issued().size() == 2);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(provider.resolveCredentials().accessKeyId())
                      .isEqualTo(h.issued(1).accessKeyId()));
    }
  }
}
