package com.marketplacecontracts.core.json;

import com.squareup.moshi.JsonReader;
import java.io.IOException;

/**
 * A read of one JSON value that also shows it conforms to the schema its type was generated from: the generated
 * adapters implement it beside {@code fromJson}, and {@link Checks} makes one per kind of field. It returns what
 * {@code fromJson} would, or throws {@link Checks#DOUBT} at the first thing it cannot show conforms; it never
 * reports anything itself.
 */
@FunctionalInterface
public interface CheckedDecoding<T> {

  T fromJsonChecked(JsonReader reader, Checks checks) throws IOException;
}
