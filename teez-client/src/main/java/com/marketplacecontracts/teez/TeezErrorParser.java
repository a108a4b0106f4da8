package com.marketplacecontracts.teez;

import com.marketplacecontracts.core.error.ApiError;
import com.marketplacecontracts.core.error.ErrorBodyParser;
import com.marketplacecontracts.teez.model.ErrorDetail;
import com.marketplacecontracts.teez.model.ExtendedProblemDetails;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Teez's {@code ExtendedProblemDetails}: the overall {@code errorCode}/{@code errorMessage} first, then one
 * entry per field error from the {@code errors} map (keys come in camelCase and PascalCase; kept as sent).
 */
final class TeezErrorParser implements ErrorBodyParser {

  private final JsonAdapter<ExtendedProblemDetails> adapter;

  TeezErrorParser(Moshi moshi) {
    this.adapter = moshi.adapter(ExtendedProblemDetails.class);
  }

  @Override
  public List<ApiError> parse(String body) {
    ExtendedProblemDetails problem;
    try {
      problem = adapter.fromJson(body);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (problem == null || (problem.getErrorCode() == null && problem.getErrors() == null
        && problem.getTitle() == null && problem.getDetail() == null)) {
      return null;
    }
    List<ApiError> out = new ArrayList<>();
    if (problem.getErrorCode() != null || problem.getErrorMessage() != null) {
      out.add(new ApiError(problem.getErrorCode(), problem.getErrorMessage(), null));
    } else if (problem.getTitle() != null || problem.getDetail() != null) {
      out.add(new ApiError(problem.getTitle(), problem.getDetail(), null));
    }
    if (problem.getErrors() != null) {
      for (Map.Entry<String, List<ErrorDetail>> field : problem.getErrors().entrySet()) {
        if (field.getValue() == null) {
          continue;
        }
        for (ErrorDetail detail : field.getValue()) {
          if (detail != null) {
            out.add(new ApiError(detail.getCode(), detail.getDescription(), field.getKey()));
          }
        }
      }
    }
    return out;
  }
}
