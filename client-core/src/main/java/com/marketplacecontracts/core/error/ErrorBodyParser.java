package com.marketplacecontracts.core.error;

import java.util.List;

/** Reads a marketplace's documented error body. Each client supplies one; the decoding around it is shared. */
@FunctionalInterface
public interface ErrorBodyParser {

  /**
   * The errors in {@code body}, or {@code null} when the body is not the marketplace's documented error shape
   * (the raw text is then attached to the exception instead). Must not throw.
   */
  List<ApiError> parse(String body);
}
