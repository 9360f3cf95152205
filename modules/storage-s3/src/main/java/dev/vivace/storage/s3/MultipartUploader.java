package dev.vivace.storage.s3;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Uploads an object larger than {@code part_size} with explicit CreateMultipartUpload / UploadPart
 * / CompleteMultipartUpload calls on the sync client (the SDK's multipart helpers may add per-part
 * checksums, spec section 5.4). Each part is buffered, so every request can be retried. Any failure
 * aborts the upload, so no parts are left behind; the object appears only on completion, all at
 * once.
 */
final class MultipartUploader {

  static final int MAX_PARTS = 10_000;
  private static final Logger logger = LoggerFactory.getLogger(S3ObjectStore.class);

  private final S3Calls calls;
  private final String bucket;
  private final long partSize;

  MultipartUploader(S3Calls calls, String bucket, long partSize) {
    this.calls = requireNonNull(calls, "calls");
    this.bucket = requireNonNull(bucket, "bucket");
    this.partSize = partSize;
  }

  void upload(String key, String fullKey, InputStream in, long length) {
    long parts = (length + partSize - 1) / partSize;
    if (parts > MAX_PARTS) {
      throw new IllegalArgumentException(
          "length: "
              + length
              + " (expected: at most "
              + MAX_PARTS
              + " parts of part_size "
              + partSize
              + ")");
    }
    String uploadId =
        calls.other(
            "create multipart upload",
            key,
            s3 -> s3.createMultipartUpload(b -> b.bucket(bucket).key(fullKey)).uploadId());
    try {
      List<CompletedPart> done = new ArrayList<>();
      long sent = 0;
      for (int n = 1; sent < length; n++) {
        int size = (int) Math.min(partSize, length - sent);
        byte[] part = PartReader.read(in, size, sent, length);
        int number = n;
        String etag =
            calls.other(
                "upload part " + n + " of",
                key,
                s3 ->
                    s3.uploadPart(
                            b ->
                                b.bucket(bucket)
                                    .key(fullKey)
                                    .uploadId(uploadId)
                                    .partNumber(number)
                                    .contentLength((long) size),
                            RequestBody.fromContentProvider(
                                ContentStreamProvider.fromByteArrayUnsafe(part),
                                size,
                                "application/octet-stream"))
                        .eTag());
        done.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
        sent += size;
      }
      calls.other(
          "complete multipart upload",
          key,
          s3 ->
              s3.completeMultipartUpload(
                  b ->
                      b.bucket(bucket)
                          .key(fullKey)
                          .uploadId(uploadId)
                          .multipartUpload(m -> m.parts(done))));
    } catch (RuntimeException | Error e) {
      abort(key, fullKey, uploadId, e);
      throw e;
    }
  }

  private void abort(String key, String fullKey, String uploadId, Throwable cause) {
    try {
      calls.other(
          "abort multipart upload",
          key,
          s3 -> s3.abortMultipartUpload(b -> b.bucket(bucket).key(fullKey).uploadId(uploadId)));
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
      logger.warn(
          "Could not abort multipart upload {} of {}; a bucket lifecycle rule must remove its"
              + " parts",
          uploadId,
          key,
          e);
    }
  }
}
