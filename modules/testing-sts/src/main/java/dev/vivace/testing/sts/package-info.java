/**
 * Test fixtures for Alibaba Cloud RRSA: an in-process STS {@code AssumeRoleWithOIDC} emulator
 * ({@link dev.vivace.testing.sts.StsEmulator}, {@link dev.vivace.testing.sts.StsEmulatorExtension})
 * and OIDC token fixtures ({@link dev.vivace.testing.sts.OidcTokens}, {@link
 * dev.vivace.testing.sts.ProjectedTokenFile}). Test scope only.
 */
@NullMarked
package dev.vivace.testing.sts;

import org.jspecify.annotations.NullMarked;
