package dev.vivace.testing.sts;

import java.util.Map;

/**
 * One request as the emulator received it. {@link #toString()} hides secret-bearing parameters.
 *
 * @param method HTTP method
 * @param query parameters from the URL query string
 * @param form parameters from an {@code application/x-www-form-urlencoded} body
 * @param headers request headers, names lower-cased
 * @param bodyLength body size in bytes
 */
public record RecordedStsRequest(
    String method,
    Map<String, String> query,
    Map<String, String> form,
    Map<String, String> headers,
    int bodyLength) {

  public RecordedStsRequest {
    query = Map.copyOf(query);
    form = Map.copyOf(form);
    headers = Map.copyOf(headers);
  }

  /** Query and form merged, form winning, as STS does. */
  public Map<String, String> params() {
    var merged = new java.util.HashMap<>(query);
    merged.putAll(form);
    return Map.copyOf(merged);
  }

  @Override
  public String toString() {
    return "RecordedStsRequest{"
        + method
        + ", query="
        + query.keySet()
        + ", form="
        + form.keySet()
        + ", bodyLength="
        + bodyLength
        + "}";
  }
}
