package com.marketplacecontracts.model;

import com.marketplacecontracts.core.error.ApiError;

/**
 * A problem the marketplace reports about a listing or a request: Teez {@code ImportError}/{@code ErrorDetail},
 * Yandex {@code OfferProcessingNote}/{@code ApiErrorDTO}.
 *
 * @param code    the marketplace's code, as sent
 * @param message what it says, may be null
 * @param field   the field concerned, null when none
 */
public record Issue(String code, String message, String field) {

  /** An error as a client reported it. */
  public static Issue of(ApiError error) {
    return new Issue(error.code(), error.message(), error.field());
  }
}
