package com.marketplacecontracts.core.json;

/**
 * An enum generated from a spec that stays open to values the marketplace adds later: every generated enum has an
 * {@code UNRECOGNIZED} constant, and {@link MoshiFactory} decodes an unknown JSON value to it instead of failing.
 */
public interface OpenEnum {

  /** Name of the constant that stands for a value the client does not know. */
  String UNRECOGNIZED = "UNRECOGNIZED";

  /** The JSON value of this constant, or {@code null} for {@code UNRECOGNIZED}. */
  String getValue();
}
