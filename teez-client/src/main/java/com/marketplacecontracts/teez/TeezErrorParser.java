package com.marketplacecontracts.teez;

import com.marketplacecontracts.core.error.ApiError;
import com.marketplacecontracts.core.internal.error.ErrorBodyParser;
import com.marketplacecontracts.teez.model.ErrorDetail;
import com.marketplacecontracts.teez.model.ExtendedProblemDetails;
import com.squareup.moshi.Moshi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Teez's {@code ExtendedProblemDetails}: the overall {@code errorCode}/{@code errorMessage} first, then one
 * entry per field error from the {@code errors} map (keys come in camelCase and PascalCase; kept as sent).
 */
public final class TeezErrorParser {

  private TeezErrorParser() {
  }

  static ErrorBodyParser create(Moshi moshi) {
    return ErrorBodyParser.decoding(moshi.adapter(ExtendedProblemDetails.class),
        problem -> errors(problem).isEmpty() ? null : errors(problem));
  }

  /** The errors a problem-details body reports, in order; empty when it has none. */
  public static List<ApiError> errors(ExtendedProblemDetails problem) {
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
