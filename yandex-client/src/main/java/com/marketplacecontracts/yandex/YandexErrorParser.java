package com.marketplacecontracts.yandex;

import com.marketplacecontracts.core.error.ApiError;
import com.marketplacecontracts.core.error.ErrorBodyParser;
import com.marketplacecontracts.yandex.model.ApiErrorDTO;
import com.marketplacecontracts.yandex.model.ApiErrorResponse;
import com.squareup.moshi.Moshi;
import java.util.ArrayList;
import java.util.List;

/** Reads Yandex's {@code ApiErrorResponse}: {@code {"status":"ERROR","errors":[{"code":..,"message":..}]}}. */
final class YandexErrorParser {

  private YandexErrorParser() {
  }

  static ErrorBodyParser create(Moshi moshi) {
    return ErrorBodyParser.decoding(moshi.adapter(ApiErrorResponse.class), YandexErrorParser::errors);
  }

  private static List<ApiError> errors(ApiErrorResponse response) {
    if (response.getErrors() == null || response.getErrors().isEmpty()) {
      return null;
    }
    List<ApiError> out = new ArrayList<>();
    for (ApiErrorDTO error : response.getErrors()) {
      if (error != null) {
        out.add(new ApiError(error.getCode(), error.getMessage(), null));
      }
    }
    return out;
  }
}
