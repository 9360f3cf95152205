package dev.vivace.block.vparquet4;

import dev.vivace.block.DedicatedColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Drops dedicated columns vParquet4 cannot store, as Tempo does before writing a meta. */
final class DedicatedColumnFilter {

  private static final Set<String> WELL_KNOWN_RESOURCE =
      Set.of(
          "service.name",
          "cluster",
          "namespace",
          "pod",
          "container",
          "k8s.cluster.name",
          "k8s.namespace.name",
          "k8s.pod.name",
          "k8s.container.name");

  private static final Set<String> WELL_KNOWN_SPAN =
      Set.of("http.method", "http.url", "http.status_code");

  static List<DedicatedColumn> filter(List<DedicatedColumn> columns) {
    List<DedicatedColumn> out = new ArrayList<>();
    for (DedicatedColumn c : columns) {
      boolean resource = c.scope().equals("resource");
      boolean span = c.scope().equals("span");
      if (!c.options().isEmpty() || !(resource || span) || !c.type().equals("string")) {
        continue;
      }
      if ((resource && WELL_KNOWN_RESOURCE.contains(c.name()))
          || (span && WELL_KNOWN_SPAN.contains(c.name()))) {
        continue;
      }
      out.add(c);
    }
    return List.copyOf(out);
  }

  private DedicatedColumnFilter() {}
}
