package dev.vivace.block.vparquet4;

/** Object names inside a vParquet4 block directory. */
final class VParquet4Objects {

  static final String DATA = "data.parquet";
  static final String META = "meta.json";

  private VParquet4Objects() {}
}
