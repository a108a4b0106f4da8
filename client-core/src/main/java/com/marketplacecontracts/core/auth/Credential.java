package com.marketplacecontracts.core.auth;

import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.error.RequestValidationException.Violation;
import com.marketplacecontracts.core.operation.Marketplace;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What authenticates a request: one header and its value. Implementations never reveal the secret in
 * {@code toString()}.
 */
public interface Credential {

  /** Longest credential or token accepted: real ones are far shorter; a huge one would go into every request. */
  int MAX_LENGTH = 8_192;

  /** The rule every credential value must meet (it goes into a header, or is checked like one). */
  String VALUE_RULE = "must be printable ASCII without spaces or control characters, at most " + MAX_LENGTH
      + " characters";

  /** The header that carries the credential, e.g. {@code Authorization} or {@code Api-Key}. */
  String headerName();

  /** The header's value; may fetch or refresh a token first (called on OkHttp's thread). */
  String headerValue() throws IOException;

  /**
   * As {@link #headerValue()}, waiting at most {@code maxWait} (what is left of the calling request's deadline) for
   * a value another thread is fetching.
   */
  default String headerValue(Duration maxWait) throws IOException {
    return headerValue();
  }

  /**
   * The server rejected {@code rejectedValue} with 401. Returns true when a new value was (or will be) obtained, so
   * one more attempt makes sense; static credentials return false.
   */
  default boolean invalidate(String rejectedValue) {
    return false;
  }

  /** The secret values in use now, so the runtime can mask them wherever a server echoes them. */
  default Collection<String> secrets() {
    return List.of();
  }

  /** A static token sent in a custom header (Yandex {@code Api-Key}). */
  static Credential header(String headerName, String secret) {
    return new StaticCredential(headerName, Objects.requireNonNull(secret, "secret"), false);
  }

  /** A static bearer token: {@code Authorization: Bearer <token>}. */
  static Credential bearer(String token) {
    return new StaticCredential("Authorization", Objects.requireNonNull(token, "token"), true);
  }

  /** Whether {@code value} meets {@link #VALUE_RULE}: visible ASCII only (0x21–0x7E), not empty, not too long. */
  static boolean isHeaderSafe(String value) {
    return value != null && !value.isEmpty() && value.length() <= MAX_LENGTH
        && value.chars().allMatch(c -> c > 0x20 && c < 0x7F);
  }

  /**
   * Checks a credential a user configured, before anything is sent: a stray newline or a non-ASCII character would
   * otherwise surface from OkHttp with the whole value in its message. The failure names the field, never the value.
   *
   * @throws RequestValidationException when {@code value} breaks {@link #VALUE_RULE}
   */
  static String checked(Marketplace marketplace, String field, String value) {
    if (!isHeaderSafe(value)) {
      // null is what an unset environment variable reads as: say "not set", not a masked value that is not there
      throw new RequestValidationException(marketplace, "client settings", List.of(value == null
          ? new Violation(field, "(not set)", "must be set (no value was given: is its environment variable set?)")
          : new Violation(field, "***", value.isBlank() ? "must not be blank" : VALUE_RULE)));
    }
    return value;
  }

  /** A static credential; the secret is only ever written into the header. */
  final class StaticCredential implements Credential {
    private final String headerName;
    private final String secret;
    private final String value;

    private StaticCredential(String headerName, String secret, boolean bearer) {
      if (!isHeaderSafe(secret)) {
        throw new IllegalArgumentException(headerName + " credential " + (secret.isBlank() ? "is blank" : VALUE_RULE));
      }
      this.headerName = headerName;
      this.secret = secret;
      this.value = bearer ? "Bearer " + secret : secret;
    }

    @Override
    public String headerName() {
      return headerName;
    }

    @Override
    public String headerValue() {
      return value;
    }

    @Override
    public Collection<String> secrets() {
      return List.of(secret);
    }

    @Override
    public String toString() {
      return "Credential(" + headerName + ": ***)";
    }
  }
}
