package dev.vivace.block.vparquet4;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges equal resources and, within each resource, equal scopes (spec §5.8). Equality is exact
 * value equality of the hashed fields instead of Tempo's hash, which the spec allows. As in Tempo,
 * resource and scope attributes end up sorted by key.
 */
final class Rebatcher {

  private static final Comparator<Attr> BY_KEY = Comparator.comparing(Attr::key);

  private record ResourceKey(
      String serviceName, List<String> wellKnown, List<String> dedicated, List<Attr> attrs) {}

  private record ScopeKey(String name, String version, List<Attr> attrs) {}

  static void rebatch(TraceRow row) {
    Map<ResourceKey, TraceRow.ResourceRow> resources = new LinkedHashMap<>();
    for (TraceRow.ResourceRow r : row.resources) {
      r.attrs = sorted(r.attrs);
      ResourceKey key =
          new ResourceKey(
              r.serviceName,
              Arrays.asList(r.wellKnown.clone()),
              Arrays.asList(r.dedicated.clone()),
              r.attrs);
      TraceRow.ResourceRow first = resources.putIfAbsent(key, r);
      if (first != null) {
        first.scopes.addAll(r.scopes);
      }
    }
    row.resources.clear();
    row.resources.addAll(resources.values());
    for (TraceRow.ResourceRow r : row.resources) {
      Map<ScopeKey, TraceRow.ScopeRow> scopes = new LinkedHashMap<>();
      for (TraceRow.ScopeRow s : r.scopes) {
        s.attrs = sorted(s.attrs);
        TraceRow.ScopeRow first = scopes.putIfAbsent(new ScopeKey(s.name, s.version, s.attrs), s);
        if (first != null) {
          first.spans.addAll(s.spans);
        }
      }
      r.scopes.clear();
      r.scopes.addAll(scopes.values());
    }
  }

  private static List<Attr> sorted(List<Attr> attrs) {
    List<Attr> copy = new ArrayList<>(attrs);
    copy.sort(BY_KEY);
    return copy;
  }

  private Rebatcher() {}
}
