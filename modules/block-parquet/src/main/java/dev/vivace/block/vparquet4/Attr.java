package dev.vivace.block.vparquet4;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One generic attribute as the columns of the {@code Attribute} group hold it (spec §5.6). */
record Attr(
    String key,
    boolean isArray,
    List<String> strings,
    List<Long> ints,
    List<Double> doubles,
    List<Boolean> bools,
    @Nullable String unsupported) {}
