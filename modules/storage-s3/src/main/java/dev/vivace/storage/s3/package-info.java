/**
 * An {@link dev.vivace.storage.ObjectStore} on Amazon S3 and S3-compatible stores, Alibaba Cloud
 * OSS first, with the AWS SDK for Java v2 sync client. Start with {@link
 * dev.vivace.storage.s3.S3ObjectStore#builder(String)}.
 */
@NullMarked
package dev.vivace.storage.s3;

import org.jspecify.annotations.NullMarked;
