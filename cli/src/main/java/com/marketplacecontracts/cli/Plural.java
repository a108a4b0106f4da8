package com.marketplacecontracts.cli;

/** A count with its noun, singular for one: "1 offer", "2 offers". */
final class Plural {

  private Plural() {
  }

  /** {@code count} and {@code noun}, with "s" added unless the count is one. */
  static String of(long count, String noun) {
    return count + " " + (count == 1 ? noun : noun + "s");
  }
}
