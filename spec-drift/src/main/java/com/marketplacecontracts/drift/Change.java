package com.marketplacecontracts.drift;

import java.util.Locale;

/** What changed; {@link #id()} is the name used in reports and in the accepted-changes file. */
public enum Change {
  OPERATION_REMOVED,
  /** Published upstream, and the curation has no decision for it (covered, legacy or excluded). */
  OPERATION_UNDECIDED,
  PATH_MOVED,
  OPERATION_ID_CHANGED,
  PARAMETER_REQUIRED,
  PARAMETER_REMOVED,
  PARAMETER_ADDED,
  BODY_REQUIRED,
  FIELD_REQUIRED,
  FIELD_REMOVED,
  FIELD_ADDED,
  TYPE_CHANGED,
  FORMAT_CHANGED,
  CONSTRAINT_NARROWED,
  CONSTRAINT_WIDENED,
  ENUM_VALUE_REMOVED,
  ENUM_VALUE_ADDED,
  RESPONSE_REMOVED,
  RESPONSE_FIELD_REMOVED,
  RESPONSE_FIELD_RETYPED,
  RESPONSE_ENUM_VALUE_ADDED,
  RESPONSE_FIELD_ADDED,
  DEPRECATED,
  DEPRECATION_SCHEDULED,
  LIMIT_CUT,
  LIMIT_RAISED;

  /** {@code path-moved}, {@code limit-cut}, ... */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The change named by {@link #id()}. */
  public static Change ofId(String id) {
    return valueOf(id.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
