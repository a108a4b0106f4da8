package com.marketplacecontracts.core.auth;

import java.io.IOException;
import java.util.Objects;

/**
 * What authenticates a request: one header and its value. Implementations never reveal the secret in
 * {@code toString()}.
 */
public interface Credential {

  /** The header that carries the credential, e.g. {@code Authorization} or {@code Api-Key}. */
  String headerName();

  /** The header's value; may fetch or refresh a token first (called on OkHttp's thread). */
  String headerValue() throws IOException;

  /**
   * The server rejected {@code rejectedValue} with 401. Returns true when a new value was (or will be) obtained, so
   * one more attempt makes sense; static credentials return false.
   */
  default boolean invalidate(String rejectedValue) {
    return false;
  }

  /** A static token sent in a custom header (Yandex {@code Api-Key}). */
  static Credential header(String headerName, String secret) {
    return new StaticCredential(headerName, Objects.requireNonNull(secret, "secret"), false);
  }

  /** A static bearer token: {@code Authorization: Bearer <token>}. */
  static Credential bearer(String token) {
    return new StaticCredential("Authorization", Objects.requireNonNull(token, "token"), true);
  }

  /** A static credential; the secret is only ever written into the header. */
  final class StaticCredential implements Credential {
    private final String headerName;
    private final String value;

    private StaticCredential(String headerName, String secret, boolean bearer) {
      if (secret.isBlank()) {
        throw new IllegalArgumentException(headerName + " credential is blank");
      }
      this.headerName = headerName;
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
    public String toString() {
      return "Credential(" + headerName + ": ***)";
    }
  }
}
