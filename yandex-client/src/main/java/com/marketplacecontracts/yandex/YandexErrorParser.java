package com.marketplacecontracts.yandex;

import com.marketplacecontracts.core.error.ApiError;
import com.marketplacecontracts.core.internal.error.ErrorBodyParser;
import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.yandex.model.ApiErrorCodeType;
import com.marketplacecontracts.yandex.model.ApiErrorDTO;
import com.marketplacecontracts.yandex.model.ApiErrorResponse;
import com.squareup.moshi.Moshi;
import java.util.ArrayList;
import java.util.List;

/** Reads Yandex's {@code ApiErrorResponse}: {@code {"status":"ERROR","errors":[{"code":..,"message":..}]}}. */
public final class YandexErrorParser {

  private YandexErrorParser() {
  }

  static ErrorBodyParser create(Moshi moshi) {
    return ErrorBodyParser.decoding(moshi.adapter(ApiErrorResponse.class),
        response -> errors(response).isEmpty() ? null : errors(response));
  }

  /**
   * The marketplace's error codes of a failure as its typed enum ({@code ApiErrorCodeType}, in the order the
   * answer gave them): a code the enum does not know yet is {@code UNRECOGNIZED}, its raw text still in
   * {@link MarketplaceException#errorCodes()} at the same position.
   */
  public static List<ApiErrorCodeType> codes(MarketplaceException failure) {
    List<ApiErrorCodeType> out = new ArrayList<>();
    for (String code : failure.errorCodes()) {
      out.add(ApiErrorCodeType.fromValue(code));
    }
    return out;
  }

  /** The errors an {@code ApiErrorResponse} reports, in order; empty when it has none. */
  public static List<ApiError> errors(ApiErrorResponse response) {
    List<ApiError> out = new ArrayList<>();
    if (response.getErrors() == null) {
      return out;
    }
    for (ApiErrorDTO error : response.getErrors()) {
      if (error != null) {
        out.add(new ApiError(error.getCode(), error.getMessage(), null));
      }
    }
    return out;
  }
}
