package dev.vivace.storage.s3;

import static java.util.Objects.requireNonNull;

import dev.vivace.storage.ObjectKeys;
import dev.vivace.storage.ObjectNotFoundException;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.StorageException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An {@link ObjectStore} on an S3 bucket (Amazon S3, Alibaba Cloud OSS through its S3 API, or any
 * other S3-compatible store), with Tempo's key layout: key {@code k} is the object {@code
 * <prefix>/k}.
 *
 * <p>Objects up to {@code part_size} are stored with one PutObject, larger ones with a multipart
 * upload that is aborted on failure; either way readers see the old or the complete new object.
 * Ranged reads use one GET with a {@code Range} header and check the answer (OSS ignores an
 * unsatisfiable range and answers the whole object). Listing follows continuation tokens. Deletes
 * go object by object (OSS wants {@code Content-MD5} on DeleteObjects, which the SDK no longer
 * sends). Errors: see {@link S3Errors}. Thread-safe; building does no I/O (the SDK client is
 * created on first use).
 */
public final class S3ObjectStore implements ObjectStore {

  /** Starts a builder for a store on {@code bucket}. */
  public static S3ObjectStoreBuilder builder(String bucket) {
    return new S3ObjectStoreBuilder(bucket);
  }

  private final S3Config config;
  private final String keyPrefix;
  private final S3Calls calls;
  private final MultipartUploader uploader;
  private final CredentialSource credentials;
  private final int listPageSize;

  S3ObjectStore(S3Config config, S3Calls calls, CredentialSource credentials, int listPageSize) {
    this.config = requireNonNull(config, "config");
    this.keyPrefix = config.prefix().isEmpty() ? "" : config.prefix() + "/";
    this.calls = requireNonNull(calls, "calls");
    this.credentials = requireNonNull(credentials, "credentials");
    this.uploader = new MultipartUploader(calls, config.bucket(), config.partSize());
    this.listPageSize = listPageSize;
  }

  /** The validated settings (secrets redacted in {@code toString()}). */
  public S3Config config() {
    return config;
  }

  @Override
  public void put(String key, byte[] bytes) {
    ObjectKeys.validateKey(key);
    requireNonNull(bytes, "bytes");
    if (bytes.length > config.partSize()) {
      uploader.upload(key, keyPrefix + key, new ByteArrayInputStream(bytes), bytes.length);
    } else {
      putObject(key, bytes);
    }
  }

  @Override
  public void put(String key, InputStream in, long length) {
    ObjectKeys.validateKey(key);
    requireNonNull(in, "in");
    if (length < 0) {
      throw new IllegalArgumentException("length: " + length + " (expected: >= 0)");
    }
    if (length > config.partSize()) {
      uploader.upload(key, keyPrefix + key, in, length);
    } else {
      putObject(key, PartReader.read(in, (int) length, 0, length));
    }
  }

  private void putObject(String key, byte[] bytes) {
    calls.object(
        "put",
        key,
        s3 ->
            s3.putObject(
                b ->
                    b.bucket(config.bucket())
                        .key(keyPrefix + key)
                        .contentLength((long) bytes.length),
                RequestBody.fromContentProvider(
                    ContentStreamProvider.fromByteArrayUnsafe(bytes),
                    bytes.length,
                    "application/octet-stream")));
  }

  @Override
  public byte[] get(String key) {
    ObjectKeys.validateKey(key);
    return calls.object(
        "get",
        key,
        s3 ->
            s3.getObjectAsBytes(b -> b.bucket(config.bucket()).key(keyPrefix + key)).asByteArray());
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    ObjectKeys.validateKey(key);
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException(
          "offset, length: " + offset + ", " + length + " (expected: both >= 0)");
    }
    if (length == 0) {
      long size =
          calls.object(
              "get range of",
              key,
              s3 ->
                  s3.headObject(b -> b.bucket(config.bucket()).key(keyPrefix + key))
                      .contentLength());
      if (offset > size) {
        throw pastTheEnd(key, offset, length, size);
      }
      return new byte[0];
    }
    long last = offset + length - 1;
    ResponseBytes<GetObjectResponse> res =
        calls.object(
            "get range of",
            key,
            s3 ->
                s3.getObjectAsBytes(
                    b ->
                        b.bucket(config.bucket())
                            .key(keyPrefix + key)
                            .range("bytes=" + offset + "-" + last)));
    byte[] bytes = res.asByteArray();
    if (res.response().contentRange() == null) {
      // The whole object came back (OSS ignores a range it cannot satisfy): slice it ourselves.
      if (bytes.length < offset + length) {
        throw pastTheEnd(key, offset, length, bytes.length);
      }
      return Arrays.copyOfRange(bytes, (int) offset, (int) offset + length);
    }
    if (bytes.length != length) {
      throw pastTheEnd(key, offset, length, offset + bytes.length);
    }
    return bytes;
  }

  private static StorageException pastTheEnd(String key, long offset, int length, long size) {
    return new StorageException(
        "get range of "
            + key
            + " failed: the object ends at "
            + size
            + ", before offset "
            + offset
            + " + length "
            + length);
  }

  @Override
  public List<String> list(String prefix) {
    ObjectKeys.validatePrefix(prefix);
    return calls.other(
        "list",
        "prefix " + prefix,
        s3 -> {
          List<String> keys = new ArrayList<>();
          for (ListObjectsV2Response page :
              s3.listObjectsV2Paginator(
                  b ->
                      b.bucket(config.bucket()).prefix(keyPrefix + prefix).maxKeys(listPageSize))) {
            for (S3Object o : page.contents()) {
              keys.add(o.key().substring(keyPrefix.length()));
            }
          }
          Collections.sort(keys); // S3 sorts by UTF-8 bytes; the SPI promises String order
          return keys;
        });
  }

  /** Lists one level with the delimiter {@code /}, so the keys below it are not transferred. */
  @Override
  public List<String> listChildren(String prefix) {
    ObjectKeys.validatePrefix(prefix);
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      throw new IllegalArgumentException(
          "prefix: " + prefix + " (expected: empty or ending with '/')");
    }
    String from = keyPrefix + prefix;
    return calls.other(
        "list",
        "children of prefix " + prefix,
        s3 -> {
          List<String> children = new ArrayList<>();
          for (ListObjectsV2Response page :
              s3.listObjectsV2Paginator(
                  b ->
                      b.bucket(config.bucket())
                          .prefix(from)
                          .delimiter("/")
                          .maxKeys(listPageSize))) {
            for (CommonPrefix p : page.commonPrefixes()) {
              String child = p.prefix().substring(from.length());
              children.add(child.substring(0, child.length() - 1));
            }
          }
          Collections.sort(children);
          return children;
        });
  }

  @Override
  public void delete(String key) {
    ObjectKeys.validateKey(key);
    try {
      calls.object(
          "delete",
          key,
          s3 -> s3.deleteObject(b -> b.bucket(config.bucket()).key(keyPrefix + key)));
    } catch (ObjectNotFoundException e) {
      // Some S3-compatible stores answer 404 for a missing key; deleting it is not an error.
    }
  }

  @Override
  public void check() {
    calls.other(
        "check bucket",
        config.bucket(),
        s3 -> s3.listObjectsV2(b -> b.bucket(config.bucket()).prefix(keyPrefix).maxKeys(1)));
  }

  @Override
  public void close() {
    calls.close();
  }

  @Override
  public String toString() {
    return "S3ObjectStore{bucket="
        + config.bucket()
        + ", prefix="
        + config.prefix()
        + ", endpoint="
        + config.endpoint()
        + ", credentials="
        + credentials
        + "}";
  }
}
