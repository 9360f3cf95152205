/**
 * An AWS SDK v2 {@link software.amazon.awssdk.auth.credentials.AwsCredentialsProvider} for Alibaba
 * Cloud ACK RRSA: the pod's projected OIDC token is exchanged for temporary credentials through STS
 * {@code AssumeRoleWithOIDC}, refreshed in the background well before they expire.
 *
 * <p>Start with {@link dev.vivace.credentials.rrsa.RrsaCredentialsProvider#create()}.
 */
@NullMarked
package dev.vivace.credentials.rrsa;

import org.jspecify.annotations.NullMarked;
