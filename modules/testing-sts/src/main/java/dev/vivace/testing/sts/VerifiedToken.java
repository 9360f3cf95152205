package dev.vivace.testing.sts;

import java.time.Instant;
import java.util.List;

/** The claims of an OIDC token whose signature checked out. */
record VerifiedToken(
    String issuer, String subject, List<String> audiences, Instant issuedAt, Instant expiresAt) {}
