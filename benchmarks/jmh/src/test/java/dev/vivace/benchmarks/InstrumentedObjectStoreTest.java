package dev.vivace.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.storage.ObjectNotFoundException;
import dev.vivace.storage.local.LocalObjectStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstrumentedObjectStoreTest {

  @TempDir java.nio.file.Path dir;

  @Test
  void everyRequestWaitsAndIsCounted() {
    List<Duration> waits = new ArrayList<>();
    InstrumentedObjectStore store =
        new InstrumentedObjectStore(LocalObjectStore.of(dir), Duration.ofMillis(20), waits::add);

    store.put("t/b/data", new byte[100]);
    assertThat(store.get("t/b/data")).hasSize(100);
    assertThat(store.getRange("t/b/data", 10, 30)).hasSize(30);
    assertThat(store.list("t/")).containsExactly("t/b/data");
    assertThatThrownBy(() -> store.get("t/b/missing")).isInstanceOf(ObjectNotFoundException.class);
    store.delete("t/b/data");

    assertThat(waits).hasSize(6).allMatch(d -> d.equals(Duration.ofMillis(20)));
    assertThat(store.counts())
        .isEqualTo(new InstrumentedObjectStore.Counts(2, 1, 1, 1, 1, 130, 100));
  }

  @Test
  void negativeLatencyIsRefused() {
    assertThatThrownBy(
            () ->
                new InstrumentedObjectStore(
                    LocalObjectStore.of(dir), Duration.ofMillis(-1), d -> {}))
        .hasMessage("latency: PT-0.001S (expected: >= 0)");
  }
}
