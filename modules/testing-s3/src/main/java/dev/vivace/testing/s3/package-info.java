/**
 * An in-process S3 server for tests: s3proxy (in-memory jclouds store, real SigV4 verification)
 * whose per-access-key credentials come from the STS emulator of {@code vivace-testing-sts}, behind
 * an OSS-like front that checks session tokens and expiry, rejects wire formats OSS refuses, and
 * injects faults. Test scope only.
 */
@NullMarked
package dev.vivace.testing.s3;

import org.jspecify.annotations.NullMarked;
