package dev.vivace.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.server.config.ConfigKey;
import dev.vivace.server.config.ConfigKeys;
import dev.vivace.server.config.ConfigLoader;
import dev.vivace.server.config.VivaceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * deploy/helm/vivace: {@code helm lint} and {@code helm template}, then the rendered objects: RRSA
 * annotation and injection label, no static credentials anywhere, ports and probes, and the
 * configuration file parsed by Vivace's own {@link ConfigLoader}.
 */
class ITHelmChart {

  static final String NAMESPACE = "tracing";
  static final String RELEASE = "traces";
  static final Path CI_VALUES =
      Path.of("src", "test", "resources", "ci-values.yaml").toAbsolutePath();
  static final Pattern STATIC_KEY =
      Pattern.compile(
          "(?i)access_key|secret_key|session_token|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN"
              + "|ALIBABA_CLOUD_ACCESS_KEY|ALIBABA_CLOUD_SECURITY_TOKEN|AccessKeySecret|SecretAccessKey");

  static String rendered;
  static List<Map<String, Object>> objects;

  @TempDir Path dir;

  @BeforeAll
  static void render() throws Exception {
    Helm.Result r =
        Helm.run(
            "template",
            RELEASE,
            Repo.CHART.toString(),
            "--namespace",
            NAMESPACE,
            "-f",
            CI_VALUES.toString());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    rendered = r.stdout();
    objects = new ArrayList<>();
    for (Object doc : yaml().loadAll(rendered)) {
      if (doc != null) {
        objects.add(map(doc));
      }
    }
  }

  @Test
  void lintPassesStrictly() throws Exception {
    Helm.Result r = Helm.run("lint", Repo.CHART.toString(), "--strict", "-f", CI_VALUES.toString());
    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
    assertThat(r.stdout()).contains("0 chart(s) failed");
  }

  @Test
  void rendersTheExpectedObjects() {
    assertThat(objects)
        .extracting(o -> o.get("kind") + "/" + name(o))
        .containsExactlyInAnyOrder(
            "ServiceAccount/traces-vivace",
            "ConfigMap/traces-vivace",
            "ConfigMap/traces-vivace-grafana-datasource",
            "Service/traces-vivace",
            "Service/traces-vivace-headless",
            "StatefulSet/traces-vivace",
            "ServiceMonitor/traces-vivace");
  }

  @Test
  void serviceAccountIsAnnotatedForRrsaAndPodsAreLabelledForInjection() {
    Map<String, Object> sa = object("ServiceAccount", "traces-vivace");
    Map<String, Object> annotations = map(at(sa, "metadata", "annotations"));
    assertThat(annotations)
        .containsEntry("pod-identity.alibabacloud.com/role-name", "vivace-oss-writer")
        .containsEntry("pod-identity.alibabacloud.com/service-account-token-expiration", "7200")
        .containsEntry("pod-identity.alibabacloud.com/inject-sts-endpoint", "on");
    Map<String, Object> podTemplate = map(at(statefulSet(), "spec", "template"));
    // A string "on", not the YAML 1.1 boolean an unquoted on would be.
    assertThat(map(at(podTemplate, "metadata", "labels")))
        .containsEntry("pod-identity.alibabacloud.com/injection", "on");
    assertThat(at(podTemplate, "spec", "serviceAccountName")).isEqualTo("traces-vivace");
  }

  @Test
  void noStaticCredentialsAnywhere() {
    assertThat(rendered).doesNotContainPattern(STATIC_KEY);
    assertThat(objects).noneMatch(o -> "Secret".equals(o.get("kind")));
    for (Map<String, Object> o : objects) {
      walk(
          o, "", (path, value) -> assertThat(path + "=" + value).doesNotContainPattern(STATIC_KEY));
    }
    // The webhook injects the RRSA variables; the chart only turns off the AWS instance metadata
    // fallback, which does not exist on Alibaba Cloud.
    assertThat(env()).containsExactly(Map.of("name", "AWS_EC2_METADATA_DISABLED", "value", "true"));
  }

  @Test
  void defaultsNeedOnlyBucketAndRole() throws Exception {
    Helm.Result r =
        Helm.run(
            "template",
            RELEASE,
            Repo.CHART.toString(),
            "--namespace",
            NAMESPACE,
            "--set",
            "oss.bucket=b-1,rrsa.roleName=r",
            "--set",
            "rrsa.podInjectionLabel=false");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : yaml().loadAll(r.stdout())) {
      if (doc != null) {
        docs.add(map(doc));
      }
    }
    assertThat(docs)
        .extracting(o -> o.get("kind"))
        .containsExactlyInAnyOrder(
            "ServiceAccount", "ConfigMap", "Service", "Service", "StatefulSet");
    Map<String, Object> sts =
        docs.stream().filter(o -> "StatefulSet".equals(o.get("kind"))).findFirst().get();
    // Injection then comes from the namespace label (deploy/README.md).
    assertThat(map(at(sts, "spec", "template", "metadata", "labels")))
        .doesNotContainKey("pod-identity.alibabacloud.com/injection");
    assertThat(r.stdout())
        .contains("endpoint: s3.oss-cn-hangzhou-internal.aliyuncs.com")
        .doesNotContain("prefix:")
        .doesNotContainPattern(STATIC_KEY);
  }

  @Test
  void notesRender() throws Exception {
    // helm template skips NOTES.txt and needs no cluster: render it through tpl in a copy.
    Path chart = dir.resolve("vivace");
    try (java.util.stream.Stream<Path> files = Files.walk(Repo.CHART)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, chart.resolve(Repo.CHART.relativize(f).toString()));
      }
    }
    Files.copy(chart.resolve("templates/NOTES.txt"), chart.resolve("notes-source.txt"));
    Files.writeString(
        chart.resolve("templates/notes-rendered.yaml"),
        "notes: {{ tpl (.Files.Get \"notes-source.txt\") . | toJson }}\n");
    Helm.Result r =
        Helm.run(
            "template",
            RELEASE,
            chart.toString(),
            "--namespace",
            NAMESPACE,
            "-f",
            CI_VALUES.toString(),
            "--show-only",
            "templates/notes-rendered.yaml");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    String notes = (String) map(yaml().load(r.stdout())).get("notes");
    assertThat(notes)
        .contains(
            "traces-vivace.tracing.svc:4317",
            "http://traces-vivace.tracing.svc:3200",
            "RAM role vivace-oss-writer",
            "oss://vivace-traces-test/prod/traces",
            "curl -X POST http://localhost:3200/flush");
  }

  @Test
  void chartRefusesStaticKeysAndMissingValues() throws Exception {
    assertRenderFails("oss.bucket is required", "--set", "rrsa.roleName=r");
    assertRenderFails("rrsa.roleName is required", "--set", "oss.bucket=b");
    for (String key : List.of("access_key", "secret_key", "session_token")) {
      assertRenderFails(
          "config.storage.trace.s3." + key + ": static keys are not supported by this chart",
          "-f",
          CI_VALUES.toString(),
          "--set",
          "config.storage.trace.s3." + key + "=x");
    }
    assertRenderFails(
        "extraEnv AWS_SECRET_ACCESS_KEY: static keys are not supported by this chart",
        "-f",
        CI_VALUES.toString(),
        "--set",
        "extraEnv[0].name=AWS_SECRET_ACCESS_KEY,extraEnv[0].value=x");
    assertRenderFails(
        "config.storage.trace.wal.path is set by the chart",
        "-f",
        CI_VALUES.toString(),
        "--set",
        "config.storage.trace.wal.path=/tmp/wal");
    assertRenderFails(
        "terminationGraceExtraSeconds must be >= 0",
        "-f",
        CI_VALUES.toString(),
        "--set",
        "terminationGraceExtraSeconds=-10");
  }

  @Test
  void configMapIsAVivaceConfigurationForOss() throws Exception {
    VivaceConfig config = renderedConfig();
    assertThat(config.warnings()).isEmpty();
    assertThat(config.get(ConfigKeys.STORAGE_BACKEND)).isEqualTo("s3");
    assertThat(config.get(ITHelmChart.<String>key("storage.trace.s3.bucket")))
        .isEqualTo("vivace-traces-test");
    assertThat(config.get(ITHelmChart.<String>key("storage.trace.s3.endpoint")))
        .isEqualTo("s3.oss-cn-shanghai-internal.aliyuncs.com");
    assertThat(config.get(ITHelmChart.<String>key("storage.trace.s3.region")))
        .isEqualTo("cn-shanghai");
    assertThat(config.get(ITHelmChart.<String>key("storage.trace.s3.prefix")))
        .isEqualTo("prod/traces");
    for (String secret : List.of("access_key", "secret_key", "session_token")) {
      assertThat(config.isSet(key("storage.trace.s3." + secret))).isFalse();
    }
    assertThat(config.get(ConfigKeys.MAX_BLOCK_BYTES)).isEqualTo(104_857_600L);
    assertThat(config.get(ConfigKeys.RATE_LIMIT_BYTES)).isEqualTo(20_000_000L);

    // The file lands where the image's CMD reads it, and the image's command is not replaced.
    Map<String, Object> container = container();
    assertThat(container).doesNotContainKeys("command", "args");
    String configFlag = Image.FILE.runtime().exec("CMD").get(0);
    String configPath = configFlag.substring(configFlag.indexOf('=') + 1);
    Map<String, Object> configMount = mount("config");
    assertThat(configPath).isEqualTo(configMount.get("mountPath") + "/vivace.yaml");

    // The write-ahead log is on the claim of the volumeClaimTemplates.
    List<Object> claims = list(at(statefulSet(), "spec", "volumeClaimTemplates"));
    assertThat(claims).hasSize(1);
    String claim = (String) at(map(claims.get(0)), "metadata", "name");
    assertThat(config.get(ConfigKeys.WAL_PATH)).startsWith(mount(claim).get("mountPath") + "/");

    // Graceful stop fits in the termination grace period.
    Duration grace = config.get(ConfigKeys.GRACEFUL_SHUTDOWN_TIMEOUT);
    int termination =
        (Integer) at(statefulSet(), "spec", "template", "spec", "terminationGracePeriodSeconds");
    assertThat(Duration.ofSeconds(termination)).isGreaterThan(grace);
  }

  @Test
  void portsAndProbes() throws Exception {
    VivaceConfig config = renderedConfig();
    Map<String, Integer> ports = new HashMap<>();
    for (Object p : list(container().get("ports"))) {
      ports.put((String) map(p).get("name"), (Integer) map(p).get("containerPort"));
    }
    assertThat(ports)
        .containsEntry("http-query", config.get(ConfigKeys.HTTP_LISTEN_PORT))
        .containsEntry("grpc-otlp", DockerfileTest.port(config.get(ConfigKeys.OTLP_GRPC_ENDPOINT)))
        .containsEntry("http-otlp", DockerfileTest.port(config.get(ConfigKeys.OTLP_HTTP_ENDPOINT)))
        .containsValues(3200, 4317, 4318);
    for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
      Map<String, Object> get = map(at(container(), probe, "httpGet"));
      assertThat(get).as(probe).containsEntry("path", "/ready");
      assertThat(ports.get(get.get("port"))).as(probe).isEqualTo(3200);
    }
    Map<String, Object> service = object("Service", "traces-vivace");
    Map<Integer, Object> servicePorts = new HashMap<>();
    for (Object p : list(at(service, "spec", "ports"))) {
      servicePorts.put((Integer) map(p).get("port"), ports.get(map(p).get("targetPort")));
    }
    assertThat(servicePorts)
        .containsEntry(3200, 3200)
        .containsEntry(4317, 4317)
        .containsEntry(4318, 4318);

    Map<String, Object> monitor = object("ServiceMonitor", "traces-vivace");
    Map<String, Object> endpoint = map(list(at(monitor, "spec", "endpoints")).get(0));
    assertThat(endpoint).containsEntry("path", "/metrics").containsEntry("port", "http-query");
    assertThat(map(at(service, "metadata", "labels")))
        .containsAllEntriesOf(map(at(monitor, "spec", "selector", "matchLabels")));
    assertThat(map(at(object("Service", "traces-vivace-headless"), "metadata", "labels")))
        .doesNotContainEntry("app.kubernetes.io/component", "api");

    // Runs as the image's user, with a read-only root and a writable /tmp for block staging.
    String user = Image.FILE.runtime().last("USER").args().split(":")[0];
    Map<String, Object> pod = map(at(statefulSet(), "spec", "template", "spec", "securityContext"));
    assertThat(pod)
        .containsEntry("runAsNonRoot", true)
        .containsEntry("runAsUser", Integer.parseInt(user))
        .containsEntry("fsGroup", Integer.parseInt(user));
    assertThat(at(container(), "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
    assertThat(mount("tmp")).containsEntry("mountPath", "/tmp");
  }

  @Test
  void grafanaDatasourcePointsAtTheQueryService() {
    Map<String, Object> cm = object("ConfigMap", "traces-vivace-grafana-datasource");
    assertThat(map(at(cm, "metadata", "labels"))).containsEntry("grafana_datasource", "1");
    Map<String, Object> provisioning =
        map(yaml().load((String) map(cm.get("data")).get("vivace-datasource.yaml")));
    Map<String, Object> ds = map(list(provisioning.get("datasources")).get(0));
    assertThat(ds)
        .containsEntry("type", "tempo")
        .containsEntry("uid", "vivace")
        .containsEntry("url", "http://traces-vivace." + NAMESPACE + ".svc:3200");
    assertThat(map(at(ds, "jsonData", "streamingEnabled"))).containsEntry("search", false);
  }

  // ---------------------------------------------------------------------------------------------

  private VivaceConfig renderedConfig() throws Exception {
    String text = (String) map(object("ConfigMap", "traces-vivace").get("data")).get("vivace.yaml");
    Path file = Files.writeString(dir.resolve("vivace.yaml"), text);
    // As the image runs it: -config.expand-env=true.
    return ConfigLoader.load(file, true, Map.of());
  }

  @SuppressWarnings("unchecked")
  static <T> ConfigKey<T> key(String path) {
    for (ConfigKey<?> k : ConfigKeys.ALL) {
      if (k.path().equals(path)) {
        return (ConfigKey<T>) k;
      }
    }
    throw new AssertionError("Vivace has no config key " + path + " (the chart writes it)");
  }

  private static void assertRenderFails(String message, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("template", RELEASE, Repo.CHART.toString()));
    command.addAll(List.of(args));
    Helm.Result r = Helm.run(command.toArray(new String[0]));
    assertThat(r.exitCode()).as("helm %s", command).isNotZero();
    assertThat(r.stderr()).contains(message);
  }

  private static Map<String, Object> statefulSet() {
    return object("StatefulSet", "traces-vivace");
  }

  private static Map<String, Object> container() {
    List<Object> containers = list(at(statefulSet(), "spec", "template", "spec", "containers"));
    assertThat(containers).hasSize(1);
    return map(containers.get(0));
  }

  private static List<Object> env() {
    Object env = container().get("env");
    return env == null ? List.of() : list(env);
  }

  private static Map<String, Object> mount(String volume) {
    for (Object m : list(container().get("volumeMounts"))) {
      if (volume.equals(map(m).get("name"))) {
        return map(m);
      }
    }
    throw new AssertionError("no volume mount " + volume);
  }

  private static Map<String, Object> object(String kind, String name) {
    for (Map<String, Object> o : objects) {
      if (kind.equals(o.get("kind")) && name.equals(name(o))) {
        return o;
      }
    }
    throw new AssertionError("not rendered: " + kind + "/" + name);
  }

  private static String name(Map<String, Object> o) {
    return (String) map(o.get("metadata")).get("name");
  }

  private static Object at(Map<String, Object> node, String... path) {
    Object cur = node;
    for (String p : path) {
      assertThat(cur).as("%s in %s", p, String.join(".", path)).isInstanceOf(Map.class);
      cur = map(cur).get(p);
    }
    assertThat(cur).as(String.join(".", path)).isNotNull();
    return cur;
  }

  interface Visitor {
    void visit(String path, Object value);
  }

  private static void walk(Object node, String path, Visitor v) {
    if (node instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) node).entrySet()) {
        walk(e.getValue(), path + "/" + e.getKey(), v);
      }
    } else if (node instanceof List) {
      int i = 0;
      for (Object o : (List<?>) node) {
        walk(o, path + "[" + i++ + "]", v);
      }
    } else {
      v.visit(path, node);
      if (node instanceof String && ((String) node).contains("\n")) {
        // Embedded files (vivace.yaml, the data source) are YAML too.
        Object inner = yaml().load((String) node);
        if (inner instanceof Map) {
          walk(inner, path, v);
        }
      }
    }
  }

  static Yaml yaml() {
    return new Yaml(new SafeConstructor(new LoaderOptions()));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    assertThat(o).isInstanceOf(List.class);
    return (List<Object>) o;
  }
}
