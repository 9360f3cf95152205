package dev.vivace.block.vparquet4;

import java.util.List;

/** Attributes with dedicated, always-present columns (spec §5.2, §5.4). */
final class WellKnown {

  /** Optional resource columns, in schema order, beside {@code ServiceName}. */
  static final List<String> RESOURCE_COLUMNS =
      List.of(
          "Cluster",
          "Namespace",
          "Pod",
          "Container",
          "K8sClusterName",
          "K8sNamespaceName",
          "K8sPodName",
          "K8sContainerName");

  /** The attribute keys of {@link #RESOURCE_COLUMNS}, index for index. */
  static final List<String> RESOURCE_KEYS =
      List.of(
          "cluster",
          "namespace",
          "pod",
          "container",
          "k8s.cluster.name",
          "k8s.namespace.name",
          "k8s.pod.name",
          "k8s.container.name");

  static final String SERVICE_NAME = "service.name";
  static final String HTTP_METHOD = "http.method";
  static final String HTTP_URL = "http.url";
  static final String HTTP_STATUS_CODE = "http.status_code";

  private WellKnown() {}
}
