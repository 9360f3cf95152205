package dev.vivace.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The YAML file of a Vivace process under test: the query port, the OTLP listeners on loopback, and
 * whatever sections the test adds, written in Tempo's layout.
 */
final class ProcessConfig {

  private final List<String> server = new ArrayList<>();
  private final List<String> protocols = new ArrayList<>();
  private final Map<String, List<String>> sections = new LinkedHashMap<>();

  /** A configuration whose query API listens on {@code queryPort} (a number or {@code ${VAR}}). */
  static ProcessConfig queryPort(Object queryPort) {
    ProcessConfig config = new ProcessConfig();
    config.server.add("http_listen_port: " + queryPort);
    return config;
  }

  /** Adds a line under {@code server:}, such as {@code log_level: debug}. */
  ProcessConfig server(String line) {
    server.add(line);
    return this;
  }

  /** Turns the OTLP/gRPC receiver on, on loopback. */
  ProcessConfig otlpGrpc(int port) {
    protocols.add("grpc: { endpoint: \"127.0.0.1:" + port + "\" }");
    return this;
  }

  /** Turns the OTLP/HTTP receiver on, on loopback. */
  ProcessConfig otlpHttp(int port) {
    protocols.add("http: { endpoint: \"127.0.0.1:" + port + "\" }");
    return this;
  }

  /** Adds lines, indented under {@code name:}, to a top-level section. */
  ProcessConfig section(String name, String... lines) {
    sections.computeIfAbsent(name, k -> new ArrayList<>()).addAll(List.of(lines));
    return this;
  }

  /**
   * Keeps the write-ahead log and the blocks on the local disk, with more {@code storage.trace}
   * lines such as {@code blocklist_poll: 1s}.
   */
  ProcessConfig localStorage(Path wal, Path blocks, String... traceLines) {
    section(
        "storage", "trace:", "  wal: { path: " + wal + " }", "  local: { path: " + blocks + " }");
    for (String line : traceLines) {
      section("storage", "  " + line);
    }
    return this;
  }

  /** Writes the file and returns its path. */
  Path write(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("server:");
    server.forEach(l -> lines.add("  " + l));
    if (!protocols.isEmpty()) {
      lines.add("distributor:");
      lines.add("  receivers:");
      lines.add("    otlp:");
      lines.add("      protocols:");
      protocols.forEach(l -> lines.add("        " + l));
    }
    sections.forEach(
        (name, body) -> {
          lines.add(name + ":");
          body.forEach(l -> lines.add("  " + l));
        });
    lines.add("");
    return Files.writeString(file, String.join("\n", lines));
  }
}
