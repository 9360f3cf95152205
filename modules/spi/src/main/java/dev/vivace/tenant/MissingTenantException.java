package dev.vivace.tenant;

/** A request carries no tenant although multi-tenancy is on. The message is Tempo's. */
public final class MissingTenantException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with Tempo's message, {@code no org id}. */
  public MissingTenantException() {
    super("no org id", null, false, false);
  }
}
