package com.marketplacecontracts.core.error;

/**
 * One error the marketplace reported: its code, its message and, for a field-level validation error, the field.
 *
 * @param code    the marketplace's error code (Yandex {@code errors[].code}, Teez {@code errorCode} or a per-field code)
 * @param message the human-readable message, may be {@code null}
 * @param field   the request field it concerns, {@code null} when it is not field-specific
 */
public record ApiError(String code, String message, String field) {

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    if (field != null) {
      out.append(field).append(": ");
    }
    out.append(code == null ? "?" : code);
    if (message != null && !message.isEmpty()) {
      out.append(" (").append(message).append(')');
    }
    return out.toString();
  }
}
