package com.marketplacecontracts.yandex;

import com.marketplacecontracts.core.error.ApiError;
import com.marketplacecontracts.core.error.ErrorBodyParser;
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
