package dev.vivace.credentials.rrsa;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Health of a provider, for readiness checks and alerts. Holds no secret: error messages are the
 * provider's own sanitised text.
 *
 * @param expiration when the current credentials expire, or null before the first success
 * @param refreshAt when the next background refresh is due, or null before the first success
 * @param lastSuccess when STS last answered with credentials, or null
 * @param lastErrorCode STS error code of the last failure since the last success, or null
 * @param lastRequestId STS request id of that failure, or null
 * @param lastError message of that failure, or null
 * @param consecutiveFailures failures since the last success
 */
public record RrsaStatus(
    @Nullable Instant expiration,
    @Nullable Instant refreshAt,
    @Nullable Instant lastSuccess,
    @Nullable String lastErrorCode,
    @Nullable String lastRequestId,
    @Nullable String lastError,
    int consecutiveFailures) {}
