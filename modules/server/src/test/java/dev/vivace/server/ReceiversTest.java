package dev.vivace.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.server.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiversTest {

  @TempDir Path dir;

  Receivers of(String yaml) throws IOException {
    return Receivers.of(
        ConfigLoader.load(Files.writeString(dir.resolve("c.yaml"), yaml), false, Map.of()));
  }

  @Test
  void bothOnAllInterfacesWithoutAReceiversSection() throws IOException {
    assertThat(of("target: all\n")).isEqualTo(new Receivers("0.0.0.0:4317", "0.0.0.0:4318"));
  }

  @Test
  void onlyListedProtocolsAndLocalhostWithoutEndpoint() throws IOException {
    assertThat(of("distributor:\n  receivers:\n    otlp:\n      protocols:\n        grpc:\n"))
        .isEqualTo(new Receivers("localhost:4317", null));
    assertThat(
            of(
                "distributor:\n  receivers:\n    otlp:\n      protocols:\n"
                    + "        http:\n          endpoint: 127.0.0.1:9999\n"))
        .isEqualTo(new Receivers(null, "127.0.0.1:9999"));
  }
}
