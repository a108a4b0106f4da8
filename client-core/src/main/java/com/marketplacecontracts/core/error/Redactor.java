package com.marketplacecontracts.core.error;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one place where text that came from a server is made fit for an exception: the runtime's own secrets (API
 * keys, tokens, client secrets) are replaced by {@code ***} wherever they occur — a hostile or careless server may
 * echo them — and every string is cut to a bounded length. Applied to messages, error lists, raw bodies and notes.
 */
public final class Redactor {

  /** Longest server-supplied string kept in a message or error entry. */
  public static final int MAX_TEXT = 500;
  /** Longest raw body kept on an exception. */
  public static final int MAX_RAW_BODY = 2_000;
  /** Secrets shorter than this are not searched for: replacing one or two characters would garble every message. */
  static final int MIN_SECRET = 4;
  private static final String MASK = "***";

  /** Redacts nothing, only truncates. */
  public static final Redactor NONE = new Redactor(List::of);

  private final Supplier<? extends Collection<String>> secrets;

  private Redactor(Supplier<? extends Collection<String>> secrets) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  /** A redactor for the secrets {@code secrets} returns at the time of each use (tokens change). */
  public static Redactor of(Supplier<? extends Collection<String>> secrets) {
    return new Redactor(secrets);
  }

  /** {@code value} with every secret masked, cut to {@link #MAX_TEXT} characters; null stays null. */
  public String text(String value) {
    return cut(redact(value), MAX_TEXT);
  }

  /** A raw body with every secret masked, cut to {@link #MAX_RAW_BODY} characters; null stays null. */
  public String rawBody(String value) {
    return cut(redact(value), MAX_RAW_BODY);
  }

  /** An error entry with its code, message and field cleaned as {@link #text}. */
  public ApiError error(ApiError error) {
    return error == null ? null : new ApiError(text(error.code()), text(error.message()), text(error.field()));
  }

  /** {@code value} with every secret (and its JSON-escaped form, and a secret cut off at the end) masked. */
  public String redact(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    String out = value;
    for (String secret : secrets.get()) {
      if (secret == null || secret.length() < MIN_SECRET) {
        continue;
      }
      out = out.replace(secret, MASK);
      String escaped = secret.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/");
      if (!escaped.equals(secret)) {
        out = out.replace(escaped, MASK);
      }
      // A body read only up to a byte limit may end inside a secret: mask the partial secret too.
      // regionMatches compares in place: no substring per candidate length.
      for (int length = Math.min(secret.length() - 1, out.length()); length >= MIN_SECRET; length--) {
        if (out.regionMatches(out.length() - length, secret, 0, length)) {
          out = out.substring(0, out.length() - length) + MASK;
          break;
        }
      }
    }
    return out;
  }

  static String cut(String value, int max) {
    if (value == null || value.length() <= max) {
      return value;
    }
    return value.substring(0, max) + "...(" + value.length() + " chars, truncated)";
  }

  @Override
  public String toString() {
    return "Redactor(***)";
  }
}
