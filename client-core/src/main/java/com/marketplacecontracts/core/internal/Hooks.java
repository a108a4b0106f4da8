package com.marketplacecontracts.core.internal;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the internal packages may do to public types without widening those types' API: a public type registers
 * the operation here when it is initialized (as the JDK's own shared secrets do). Typed by the JDK's classes only,
 * so this package depends on no other of the library and no package cycle can form through it.
 */
public final class Hooks {

  private static volatile Consumer<RuntimeException> markSent;

  private Hooks() {
  }

  /** Set once, by {@code MarketplaceException}: notes that an earlier attempt of its call reached the marketplace. */
  public static void markSent(Consumer<RuntimeException> operation) {
    markSent = Objects.requireNonNull(operation);
  }

  /** Notes on {@code failure} (a {@code MarketplaceException}) that its call reached the marketplace. */
  public static void markSent(RuntimeException failure) {
    markSent.accept(failure);
  }
}
