package dev.vivace.storage.s3;

import static dev.vivace.storage.s3.S3Fixtures.ACCESS_KEY;
import static dev.vivace.storage.s3.S3Fixtures.BUCKET;
import static dev.vivace.storage.s3.S3Fixtures.SECRET_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.storage.ObjectNotFoundException;
import dev.vivace.storage.StorageException;
import dev.vivace.testing.s3.RecordedS3Request;
import dev.vivace.testing.s3.S3Emulator;
import dev.vivace.testing.s3.S3EmulatorExtension;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Multipart, ranges, listing pages, addressing, key layout and the wire format, against s3proxy.
 */
class S3ObjectStoreBehaviourTest {

  static final S3Emulator emulator =
      S3Emulator.builder().staticCredentials(ACCESS_KEY, SECRET_KEY).bucket(BUCKET).build();

  @RegisterExtension static final S3EmulatorExtension s3 = new S3EmulatorExtension(emulator);

  final WireRecorder wire = new WireRecorder();

  @BeforeEach
  void reset() {
    emulator.reset();
  }

  private S3ObjectStoreBuilder builder() {
    return S3Fixtures.staticKeys(s3).overrideConfiguration(o -> o.addExecutionInterceptor(wire));
  }

  @Test
  void largeObjectsAreUploadedInPartsAndReadBack() {
    byte[] data = random(2 * (int) S3Config.MIN_PART_SIZE + 3);
    try (S3ObjectStore store = builder().build()) {
      store.put("t/b/data.parquet", data);
      store.put("t/b/copy.parquet", new ByteArrayInputStream(data), data.length);

      assertThat(store.get("t/b/data.parquet")).isEqualTo(data);
      assertThat(store.get("t/b/copy.parquet")).isEqualTo(data);
      int boundary = (int) S3Config.MIN_PART_SIZE;
      assertThat(store.getRange("t/b/copy.parquet", boundary - 5, 10))
          .isEqualTo(Arrays.copyOfRange(data, boundary - 5, boundary + 5));
    }
    List<RecordedS3Request> requests = emulator.requests();
    assertThat(requests).filteredOn(r -> r.pathAndQuery().contains("?uploads")).hasSize(2);
    assertThat(requests).filteredOn(r -> r.pathAndQuery().contains("partNumber=")).hasSize(6);
    assertThat(requests)
        .filteredOn(r -> r.method().equals("POST") && r.pathAndQuery().contains("uploadId="))
        .hasSize(2);
    assertThat(requests).allSatisfy(r -> assertThat(r.status()).isLessThan(300));
  }

  @Test
  void failedMultipartUploadIsAbortedAndStoresNothing() {
    long length = 2 * S3Config.MIN_PART_SIZE + 1;
    try (S3ObjectStore store = builder().build()) {
      assertThatThrownBy(
              () ->
                  store.put(
                      "t/b/data.parquet",
                      new ByteArrayInputStream(new byte[(int) S3Config.MIN_PART_SIZE + 10]),
                      length))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "in: ended after "
                  + (S3Config.MIN_PART_SIZE + 10)
                  + " bytes (expected: length "
                  + length
                  + ")");

      assertThat(store.list("")).isEmpty();
    }
    assertThat(emulator.requests())
        .filteredOn(r -> r.method().equals("DELETE") && r.pathAndQuery().contains("uploadId="))
        .singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(204));
  }

  @Test
  void listingFollowsContinuationTokens() {
    try (S3ObjectStore store = builder().listPageSize(2).build()) {
      for (String k : List.of("t/5", "t/3", "t/1", "t/4", "t/2", "u/1")) {
        store.put(k, new byte[] {1});
      }

      assertThat(store.list("t/")).containsExactly("t/1", "t/2", "t/3", "t/4", "t/5");
    }
    assertThat(emulator.requests())
        .filteredOn(r -> r.pathAndQuery().contains("list-type=2"))
        .hasSize(3);
  }

  @Test
  void keysLiveUnderThePrefix() {
    try (S3ObjectStore store = builder().prefix("/tempo/traces/").build();
        S3ObjectStore root =
            S3Fixtures.builder(s3).accessKey(ACCESS_KEY).secretKey(SECRET_KEY).build()) {
      store.put("single-tenant/b1/meta.json", new byte[] {1});

      assertThat(store.config().prefix()).isEqualTo("tempo/traces");
      assertThat(root.list("tempo/traces/"))
          .containsExactly("tempo/traces/single-tenant/b1/meta.json");
      assertThat(store.list("")).containsExactly("single-tenant/b1/meta.json");
      root.delete("tempo/traces/single-tenant/b1/meta.json");
    }
  }

  @Test
  void virtualHostedByDefaultPathStyleOnRequest() {
    try (S3ObjectStore vhost = builder().build();
        S3ObjectStore path = builder().forcePathStyle(true).build()) {
      vhost.put("a", new byte[1]);
      path.put("a", new byte[1]);
    }
    List<WireRecorder.Sent> sent = wire.sent();
    assertThat(sent.get(0).host()).isEqualTo(BUCKET + "." + S3Emulator.HOST);
    assertThat(sent.get(0).path()).doesNotStartWith("/" + BUCKET);
    assertThat(sent.get(1).host()).isEqualTo(S3Emulator.HOST);
    assertThat(sent.get(1).path()).startsWith("/" + BUCKET + "/");
  }

  @Test
  void wireFormatIsOssSafe() {
    try (S3ObjectStore store = builder().build()) {
      store.put("w/small", random(70_000));
      store.put("w/large", random((int) S3Config.MIN_PART_SIZE + 1));
      store.get("w/small");
      store.getRange("w/large", 10, 10);
      store.list("w/");
      store.delete("w/small");
    }
    assertThat(wire.sent())
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.headerNames())
                  .noneMatch(
                      h ->
                          h.startsWith("x-amz-checksum-")
                              || h.equals("x-amz-sdk-checksum-algorithm")
                              || h.equals("x-amz-trailer")
                              || h.equals("x-amz-te")
                              || h.equals("x-amz-decoded-content-length")
                              || h.equals("content-encoding"));
              // Over plain HTTP the SDK signs the payload: a hex SHA-256, never a streaming
              // (aws-chunked) value.
              assertThat(r.contentSha256()).matches("[0-9a-f]{64}|UNSIGNED-PAYLOAD");
            });
    assertThat(emulator.requests()).allSatisfy(r -> assertThat(r.status()).isLessThan(300));
  }

  @Test
  void missingObjectsAndBucketsAreTellApart() {
    try (S3ObjectStore store = builder().build();
        S3ObjectStore noBucket =
            S3ObjectStore.builder("no-such-bucket")
                .endpoint(s3.endpoint().toString())
                .accessKey(ACCESS_KEY)
                .secretKey(SECRET_KEY)
                .environment(java.util.Map.of())
                .httpClient(b -> b.dnsResolver(LoopbackDns.INSTANCE))
                .build()) {
      assertThatThrownBy(() -> store.getRange("nope", 0, 0))
          .isInstanceOf(ObjectNotFoundException.class);
      assertThatThrownBy(() -> noBucket.get("a"))
          .isInstanceOf(StorageException.class)
          .isNotInstanceOf(ObjectNotFoundException.class)
          .hasMessageContaining("NoSuchBucket");
      assertThatThrownBy(noBucket::check)
          .isInstanceOf(StorageException.class)
          .hasMessageStartingWith(
              "check bucket no-such-bucket failed (status 404, code NoSuchBucket");
    }
  }

  @Test
  void buildingDoesNoIoAndClosedStoresFail() {
    S3ObjectStore store = builder().build();
    assertThat(emulator.requests()).isEmpty();
    store.close();
    store.close();

    assertThatThrownBy(() -> store.get("a"))
        .isInstanceOf(StorageException.class)
        .hasMessage("S3 object store is closed");
    assertThat(emulator.requests()).isEmpty();
  }

  static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }
}
