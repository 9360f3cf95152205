package dev.vivace.credentials.rrsa;

/** One {@code AssumeRoleWithOIDC} call. Implementations are called by one thread at a time. */
interface StsExchange extends AutoCloseable {

  StsCredentials exchange(String oidcToken) throws StsCallException;

  /** Where the calls go, for messages. */
  String endpoint();

  @Override
  default void close() {}
}
