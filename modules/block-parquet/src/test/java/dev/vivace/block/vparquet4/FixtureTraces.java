package dev.vivace.block.vparquet4;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.vivace.trace.TraceId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The vParquet4 fixture's rows as listed in the spec's Appendix A (a test resource). */
record FixtureTraces(
    TraceId traceId,
    int spans,
    int resourceSpans,
    String rootSpanName,
    long startTimeUnixNano,
    long durationNano) {

  static List<FixtureTraces> all() {
    List<FixtureTraces> out = new ArrayList<>();
    try (InputStream in = FixtureTraces.class.getResourceAsStream("/vparquet4-fixture-traces.tsv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t");
        out.add(
            new FixtureTraces(
                TraceId.parse(f[0]),
                Integer.parseInt(f[1]),
                Integer.parseInt(f[2]),
                f[3],
                Long.parseLong(f[4]),
                Long.parseLong(f[5])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
