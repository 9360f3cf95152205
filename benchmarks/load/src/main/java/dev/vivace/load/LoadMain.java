package dev.vivace.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the load tool: send, then read back and check, then report. Exit code 0 when every trace
 * read back was complete, 1 when some were missing, incomplete or wrong (or nothing was
 * acknowledged), 2 for bad arguments.
 */
public final class LoadMain {

  private LoadMain() {}

  public static void main(String[] args) throws Exception {
    LoadOptions options;
    try {
      if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
        System.out.print(LoadOptions.USAGE);
        return;
      }
      options = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(LoadOptions.USAGE);
      System.exit(2);
      return;
    }
    Report report = run(options, System.err);
    System.out.print(report.toText());
    System.exit(report.exitCode());
  }

  /** Runs one whole load-and-check cycle, printing progress to {@code progressOut}. */
  static Report run(LoadOptions options, PrintStream progressOut)
      throws InterruptedException, IOException {
    TraceGenerator generator =
        new TraceGenerator(
            options.seed(), System.currentTimeMillis() * 1_000_000L, options.largeTraceRatio());
    Progress progress = new Progress();
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "vivace-load-progress");
              t.setDaemon(true);
              return t;
            });
    long interval = Math.max(100, options.progressInterval().toMillis());
    // Progress lines only: the ticker is shut down after the run, nobody waits for it.
    ScheduledFuture<?> unused =
        ticker.scheduleAtFixedRate(
            () -> progress.print(progressOut), interval, interval, TimeUnit.MILLISECONDS);
    try {
      IngestRun.Result ingest;
      try (OtlpSender sender = new OtlpSender(options)) {
        ingest = new IngestRun(options, generator, sender, progress).run();
      }
      Readback.Result readback = null;
      if (options.queryEndpoint() != null) {
        try (Readback r = new Readback(options, options.queryEndpoint())) {
          readback = r.run(generator, ingest.traces(), progress);
        }
      }
      progress.print(progressOut);
      Report report = new Report(options, ingest, readback);
      if (options.jsonOut() != null) {
        Files.writeString(options.jsonOut(), report.toJson() + "\n", StandardCharsets.UTF_8);
      }
      return report;
    } finally {
      ticker.shutdownNow();
    }
  }
}
