package dev.vivace.traceql;

import static dev.vivace.traceql.Static.StatusCode.ERROR;
import static dev.vivace.traceql.Static.StatusCode.OK;
import static dev.vivace.traceql.Static.StatusCode.UNSET;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The trace most evaluator tests query, and a readable form of query results.
 *
 * <pre>
 * root    frontend "GET /"   100ms ok
 * ├─ auth   api    "auth"     10ms error  span.http.status_code=500
 * │  └─ db1  db    "select"    5ms unset
 * │     └─ db2 db  "fetch"     1ms unset
 * ├─ cart   api    "cart"     30ms ok     span.http.status_code=200, events "exception"
 * │  │                                    (exception.type=IOError) and "log" (level=info)
 * │  ├─ sel  db    "select"   20ms unset
 * │  └─ cache cache "get"      2ms error
 * └─ pay    api    "pay"      50ms unset
 * orphan  worker "job"   7ms error   (its parent ID names no span of the trace)
 * late    worker "job"   3ms ok      (its parent ID is all zeros)
 * </pre>
 *
 * The spans are handed over in a shuffled order: {@link #SPANS}.
 */
final class SampleTrace {

  static final TestTrace TRACE = build();

  /** The spans of {@link #TRACE}, not in tree order. */
  static final List<TestSpan> SPANS =
      TRACE.inOrder("cache", "auth", "root", "orphan", "sel", "pay", "db2", "cart", "db1", "late");

  private SampleTrace() {}

  private static TestTrace build() {
    TestTrace t = new TestTrace();
    t.root("root").service("frontend").name("GET /").millis(100).status(OK);
    t.child("auth", "root").service("api").name("auth").millis(10).status(ERROR);
    t.span("auth").attribute("http.status_code", 500);
    t.child("db1", "auth").service("db").name("select").millis(5).status(UNSET);
    t.child("db2", "db1").service("db").name("fetch").millis(1).status(UNSET);
    t.child("cart", "root").service("api").name("cart").millis(30).status(OK);
    t.span("cart")
        .attribute("http.status_code", 200)
        .event("exception", "exception.type", "IOError")
        .event("log", "level", "info");
    t.child("sel", "cart").service("db").name("select").millis(20).status(UNSET);
    t.child("cache", "cart").service("cache").name("get").millis(2).status(ERROR);
    t.child("pay", "root").service("api").name("pay").millis(50).status(UNSET);
    t.withParentId("orphan", "00000000000000ff").service("worker").name("job").millis(7);
    t.span("orphan").status(ERROR);
    t.withParentId("late", "0000000000000000").service("worker").name("job").millis(3);
    t.span("late").status(OK);
    return t;
  }

  /** The span sets {@code query} yields for {@link #SPANS}, each as {@link #describe}. */
  static List<String> run(String query) {
    return run(query, SPANS);
  }

  static List<String> run(String query, List<? extends SpanView> spans) {
    List<String> out = new ArrayList<>();
    for (Spanset set : TraceQuery.compile(TraceQL.parse(query)).evaluate(spans)) {
      out.add(describe(set));
    }
    return out;
  }

  /** {@code "a b c"}: the labels of the set's spans, sorted; then {@code " ; name=value, ..."}. */
  static String describe(Spanset set) {
    String spans =
        set.spans().stream().map(Object::toString).sorted().collect(Collectors.joining(" "));
    if (set.attributes().isEmpty()) {
      return spans;
    }
    return spans
        + set.attributes().stream()
            .map(a -> a.name() + "=" + a.value())
            .collect(Collectors.joining(", ", " ; ", ""));
  }
}
