package com.marketplacecontracts.core.internal.error;

import com.marketplacecontracts.core.error.ApiError;
import com.squareup.moshi.JsonAdapter;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/** Reads a marketplace's documented error body. Each client supplies one; the decoding around it is shared. */
@FunctionalInterface
public interface ErrorBodyParser {

  /**
   * The errors in {@code body}, or {@code null} when the body is not the marketplace's documented error shape
   * (the raw text is then attached to the exception instead). Must not throw.
   */
  List<ApiError> parse(String body);

  /**
   * A parser that decodes the body with {@code adapter} and reads the errors out of it with {@code errors}; a body
   * that does not decode (or decodes to null) is "not the documented shape".
   */
  static <T> ErrorBodyParser decoding(JsonAdapter<T> adapter, Function<T, List<ApiError>> errors) {
    return body -> {
      T value;
      try {
        value = adapter.fromJson(body);
      } catch (IOException | RuntimeException e) {
        return null;
      }
      return value == null ? null : errors.apply(value);
    };
  }
}
