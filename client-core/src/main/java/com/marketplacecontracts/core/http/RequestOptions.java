package com.marketplacecontracts.core.http;

import com.marketplacecontracts.core.auth.Credential;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one call does differently from its client: its own timeout, no retries, extra headers, another account's
 * credential. Immutable; passed to {@link MarketplaceCall#with}.
 *
 * <pre>{@code
 * RequestOptions options = RequestOptions.builder()
 *     .timeout(Duration.ofSeconds(5)).retries(false).header("X-Request-Source", "nightly-sync").build();
 * market.orders().getOrder(campaignId, orderId).with(options).execute();
 * }</pre>
 */
public final class RequestOptions {

  /** Longest extra header value accepted. */
  public static final int MAX_HEADER_VALUE = 1_024;
  /** Most extra headers on one call. */
  public static final int MAX_HEADERS = 16;
  /**
   * Headers a caller may not set: the credentials (only a {@link Credential} sets them, and only towards the
   * configured origin) and the ones the HTTP exchange itself owns.
   */
  static final Set<String> RESERVED = Set.of("authorization", "proxy-authorization", "api-key", "cookie", "host",
      "content-length", "content-type", "transfer-encoding", "connection", "upgrade", "te", "traceparent",
      "user-agent");

  private static final RequestOptions NONE = new Builder().build();

  private final Duration timeout;
  private final boolean retries;
  private final Map<String, String> headers;
  private final Credential credential;

  private RequestOptions(Builder builder) {
    this.timeout = builder.timeout;
    this.retries = builder.retries;
    this.headers = Map.copyOf(builder.headers);
    this.credential = builder.credential;
  }

  /** No options: the call as its client makes it. */
  public static RequestOptions none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to change some of them. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.timeout = timeout;
    builder.retries = retries;
    builder.headers.putAll(headers);
    builder.credential = credential;
    return builder;
  }

  /** This call's bound on the whole call (retries, quota waits, redirects), instead of the client's; or empty. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /**
   * False when this call is sent at most once: no retry, and no repeat after a refreshed token. True (the default)
   * leaves it to the client's retry policy, which retries only what the spec marks safe to repeat.
   */
  public boolean retries() {
    return retries;
  }

  /** Extra headers, by the name they were given. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The credential this call is sent with instead of the client's, or empty. */
  public Optional<Credential> credential() {
    return Optional.ofNullable(credential);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RequestOptions other && Objects.equals(timeout, other.timeout) && retries == other.retries
        && headers.equals(other.headers) && Objects.equals(credential, other.credential);
  }

  @Override
  public int hashCode() {
    return Objects.hash(timeout, retries, headers, credential);
  }

  /** The header names only: a header a caller adds may hold something it would not print. */
  @Override
  public String toString() {
    return "RequestOptions(timeout " + (timeout == null ? "client's" : timeout) + ", retries "
        + (retries ? "as the client's" : "off") + ", headers " + headers.keySet()
        + (credential == null ? "" : ", " + credential) + ")";
  }

  /** Builds {@link RequestOptions}; every method checks its argument at once, naming the rule it breaks. */
  public static final class Builder {
    private Duration timeout;
    private boolean retries = true;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Credential credential;

    private Builder() {
    }

    /** This call's own bound on the whole call, shorter or longer than the client's call timeout. */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * {@code false}: this call is sent at most once, even when the spec marks the operation safe to repeat.
     * {@code true} restores the client's policy; it never makes a call the spec does not mark {@code x-idempotent}
     * retryable — a write that may have happened is never sent twice.
     */
    public Builder retries(boolean allowed) {
      this.retries = allowed;
      return this;
    }

    /**
     * An extra header. The name must be an HTTP token and not one of the credential or exchange headers
     * ({@code Authorization}, {@code Api-Key}, {@code Cookie}, {@code Host}, {@code User-Agent},
     * {@code traceparent}, ...); the value printable ASCII (spaces and tabs allowed), at most
     * {@value #MAX_HEADER_VALUE} characters.
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "header name");
      Objects.requireNonNull(value, "header value");
      if (name.isEmpty() || !name.chars().allMatch(Builder::tokenChar)) {
        throw new IllegalArgumentException("header name must be an HTTP token (letters, digits, !#$%&'*+-.^_`|~)");
      }
      if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("header " + name + " is set by the client, not per call");
      }
      if (value.length() > MAX_HEADER_VALUE || !value.chars().allMatch(c -> c == '\t' || c >= 0x20 && c < 0x7F)) {
        // never the value in the message: it may be a secret
        throw new IllegalArgumentException("header " + name + " value must be printable ASCII, at most "
            + MAX_HEADER_VALUE + " characters");
      }
      if (!headers.containsKey(name) && headers.size() >= MAX_HEADERS) {
        throw new IllegalArgumentException("at most " + MAX_HEADERS + " extra headers");
      }
      headers.put(name, value);
      return this;
    }

    /** Another Yandex Market API key (the {@code Api-Key} header) for this call, e.g. another business's. */
    public Builder apiKey(String apiKey) {
      if (!Credential.isHeaderSafe(apiKey)) {
        throw new IllegalArgumentException("apiKey " + Credential.VALUE_RULE);
      }
      return credential(Credential.header("Api-Key", apiKey));
    }

    /**
     * Another credential for this call. Like the client's, it goes only to the configured origin (never to a host a
     * redirect points to) and its secrets are masked in everything the client reports.
     */
    public Builder credential(Credential credential) {
      this.credential = Objects.requireNonNull(credential, "credential");
      return this;
    }

    public RequestOptions build() {
      return new RequestOptions(this);
    }

    private static boolean tokenChar(int c) {
      return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
  }
}
