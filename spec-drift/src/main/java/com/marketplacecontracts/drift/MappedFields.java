package com.marketplacecontracts.drift;

import com.marketplacecontracts.model.teez.TeezMapper;
import com.marketplacecontracts.model.yandex.YandexMapper;
import java.util.HashSet;
import java.util.Set;

/**
 * What {@code common-model} reads from the generated models, as {@code Schema.jsonName} (the same lists its
 * {@code MappingCoverageTest} checks). A new response field of a schema the mappers read is data the domain model
 * drops until a mapper learns it; a new field of a schema they never read loses nothing.
 */
public final class MappedFields {

  /** Every field the mappers read, {@code Schema.jsonName}. */
  public static final Set<String> COMMON_MODEL = union(TeezMapper.MAPPED, YandexMapper.MAPPED);

  private MappedFields() {
  }

  /** Whether the mappers read any field of this schema. */
  static boolean schemaIsMapped(Set<String> mapped, String schema) {
    String prefix = schema + ".";
    return mapped.stream().anyMatch(field -> field.startsWith(prefix));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new HashSet<>(a);
    out.addAll(b);
    return Set.copyOf(out);
  }
}
