package com.marketplacecontracts.yandex;

import com.marketplacecontracts.core.error.ApiError;
import com.marketplacecontracts.core.error.ErrorBodyParser;
import com.marketplacecontracts.yandex.model.ApiErrorDTO;
import com.marketplacecontracts.yandex.model.ApiErrorResponse;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads Yandex's {@code ApiErrorResponse}: {@code {"status":"ERROR","errors":[{"code":..,"message":..}]}}. */
final class YandexErrorParser implements ErrorBodyParser {

  private final JsonAdapter<ApiErrorResponse> adapter;

  YandexErrorParser(Moshi moshi) {
    this.adapter = moshi.adapter(ApiErrorResponse.class);
  }

  @Override
  public List<ApiError> parse(String body) {
    ApiErrorResponse response;
    try {
      response = adapter.fromJson(body);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (response == null || response.getErrors() == null || response.getErrors().isEmpty()) {
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
