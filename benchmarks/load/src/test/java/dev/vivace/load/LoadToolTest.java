package dev.vivace.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.testing.junit5.server.ServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class LoadToolTest {

  static final FakeTempo tempo = new FakeTempo();

  @RegisterExtension
  static final ServerExtension server =
      new ServerExtension() {
        @Override
        protected void configure(ServerBuilder sb) {
          tempo.configure(sb);
        }
      };

  private static Report run(FakeTempo.Fault fault, String... extra) throws Exception {
    tempo.reset(fault);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--otlp=" + server.httpUri(),
                "--query=" + server.httpUri(),
                "--seed=7",
                "--traces=300",
                "--duration=20s",
                "--readback=300",
                "--large-trace-ratio=0.01",
                "--concurrency=4",
                "--progress=1s"));
    args.addAll(List.of(extra));
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    return LoadMain.run(
        LoadOptions.parse(args.toArray(String[]::new)),
        new PrintStream(progress, true, StandardCharsets.UTF_8));
  }

  private static long outcome(Report r, TraceCheck.Outcome o) {
    return r.readback().outcomes().getOrDefault(o, 0L);
  }

  @Test
  void healthyTargetOverGrpcIsAllComplete() throws Exception {
    Report r = run(FakeTempo.Fault.NONE, "--flush");

    assertThat(r.ingest().traces()).hasSize(300);
    assertThat(r.acknowledgedTraces()).isEqualTo(300);
    assertThat(r.ingest().acceptedSpans())
        .isEqualTo(r.ingest().sentSpans())
        .isEqualTo(tempo.received.get());
    assertThat(r.readback().checked()).isEqualTo(300);
    assertThat(outcome(r, TraceCheck.Outcome.COMPLETE)).isEqualTo(300);
    assertThat(r.readback().problems()).isZero();
    assertThat(tempo.flushes.get()).isEqualTo(1);
    assertThat(r.exitCode()).isZero();
    assertThat(r.toText())
        .contains("300 complete, 0 missing, 0 incomplete, 0 wrong")
        .contains("RESULT      PASS");
  }

  @Test
  void healthyTargetOverHttpWithTenantIsAllComplete(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("report.json");
    Report r = run(FakeTempo.Fault.NONE, "--protocol=http", "--tenant=team-a", "--json=" + json);

    assertThat(tempo.tenants).containsExactly("team-a");
    assertThat(outcome(r, TraceCheck.Outcome.COMPLETE)).isEqualTo(300);
    assertThat(r.exitCode()).isZero();
    assertThat(Files.readString(json))
        .contains("\"tracesAcknowledged\":300")
        .contains("\"complete\":300,\"missing\":0,\"incomplete\":0,\"wrong\":0")
        .contains("\"passed\":true");
  }

  @Test
  void droppedSpansAreReportedIncomplete() throws Exception {
    Report r = run(FakeTempo.Fault.DROP_SPANS);

    assertThat(r.acknowledgedTraces()).isEqualTo(300);
    assertThat(outcome(r, TraceCheck.Outcome.INCOMPLETE)).isPositive();
    assertThat(r.readback().examples()).anySatisfy(e -> assertThat(e).contains("INCOMPLETE"));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.toText()).contains("RESULT      FAIL");
  }

  @Test
  void lostTracesAreReportedMissing() throws Exception {
    Report r = run(FakeTempo.Fault.LOSE_TRACES, "--protocol=http");

    assertThat(outcome(r, TraceCheck.Outcome.MISSING)).isBetween(5L, 80L);
    assertThat(outcome(r, TraceCheck.Outcome.COMPLETE) + outcome(r, TraceCheck.Outcome.MISSING))
        .isEqualTo(300);
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void spansNeverSentAreReportedWrong() throws Exception {
    Report r = run(FakeTempo.Fault.EXTRA_SPAN);

    assertThat(outcome(r, TraceCheck.Outcome.WRONG)).isEqualTo(300);
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void refusedSpansAreNotCountedAsAcknowledged() throws Exception {
    Report r = run(FakeTempo.Fault.REFUSE);

    assertThat(r.ingest().refusedSpans()).isEqualTo(r.ingest().requests());
    assertThat(r.acknowledgedTraces()).isZero();
    assertThat(r.readback().checked()).isZero();
  }

  @Test
  void unreachableTargetFails() throws Exception {
    tempo.reset(FakeTempo.Fault.NONE);
    Report r =
        LoadMain.run(
            LoadOptions.parse(
                "--otlp=http://127.0.0.1:1",
                "--traces=20",
                "--duration=10s",
                "--timeout=2s",
                "--progress=10s"),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(r.ingest().failedRequests()).isEqualTo(r.ingest().requests()).isPositive();
    assertThat(r.acknowledgedTraces()).isZero();
    assertThat(r.exitCode()).isEqualTo(1);
  }
}
