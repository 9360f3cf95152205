package dev.vivace.block;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/** A tenant's block list as Tempo's tenant index stores it. */
public record TenantIndex(
    Instant createdAt, List<BlockMeta> metas, List<CompactedBlockMeta> compacted) {

  /** Key of the JSON form, relative to the tenant. */
  public static final String JSON_OBJECT = "index.json.gz";

  /** Key of the protobuf form, relative to the tenant; read first. */
  public static final String PROTO_OBJECT = "index.pb.zst";

  /** Validates and copies. */
  public TenantIndex {
    requireNonNull(createdAt, "createdAt");
    metas = List.copyOf(requireNonNull(metas, "metas"));
    compacted = List.copyOf(requireNonNull(compacted, "compacted"));
  }
}
