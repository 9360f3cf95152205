package dev.vivace.block;

import static java.util.Objects.requireNonNull;

import dev.vivace.storage.ObjectNotFoundException;
import dev.vivace.storage.ObjectStore;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes a tenant's index objects with Tempo's precedence: {@value
 * TenantIndex#PROTO_OBJECT} first, and {@value TenantIndex#JSON_OBJECT} only if the former does not
 * exist. A present but corrupt protobuf index is an error, not a reason to fall back.
 */
public final class TenantIndexStore {

  /**
   * Returns the tenant's index, or null when neither object exists. Idempotent.
   *
   * @throws CorruptObjectException if the object read cannot be decoded
   */
  public static @Nullable TenantIndex read(ObjectStore store, String tenant) {
    requireNonNull(store, "store");
    requireNonNull(tenant, "tenant");
    String proto = tenant + "/" + TenantIndex.PROTO_OBJECT;
    try {
      byte[] bytes = store.get(proto);
      try {
        return TenantIndexProto.parseZstd(bytes);
      } catch (IllegalArgumentException e) {
        throw new CorruptObjectException(proto, e.getMessage(), e);
      }
    } catch (ObjectNotFoundException e) {
      // fall back to JSON
    }
    String json = tenant + "/" + TenantIndex.JSON_OBJECT;
    byte[] bytes;
    try {
      bytes = store.get(json);
    } catch (ObjectNotFoundException e) {
      return null;
    }
    try {
      return TenantIndexJson.parseGzip(bytes);
    } catch (IllegalArgumentException e) {
      throw new CorruptObjectException(json, e.getMessage(), e);
    }
  }

  /**
   * Writes both objects, protobuf first as Tempo does. Idempotent: a retry rewrites the same
   * content.
   */
  public static void write(ObjectStore store, String tenant, TenantIndex index) {
    requireNonNull(store, "store");
    requireNonNull(tenant, "tenant");
    requireNonNull(index, "index");
    store.put(tenant + "/" + TenantIndex.PROTO_OBJECT, TenantIndexProto.toZstd(index));
    store.put(tenant + "/" + TenantIndex.JSON_OBJECT, TenantIndexJson.toGzip(index));
  }

  private TenantIndexStore() {}
}
