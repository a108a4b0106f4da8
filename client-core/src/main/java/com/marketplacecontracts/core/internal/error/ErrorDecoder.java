package com.marketplacecontracts.core.internal.error;

import com.marketplacecontracts.core.internal.Hooks;
import com.marketplacecontracts.core.internal.Text;
import com.marketplacecontracts.core.error.UnauthorizedException;
import com.marketplacecontracts.core.error.ServerErrorException;
import com.marketplacecontracts.core.error.RateLimitedException;
import com.marketplacecontracts.core.error.NotFoundException;
import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.error.ForbiddenException;
import com.marketplacecontracts.core.error.ClientErrorException;
import com.marketplacecontracts.core.error.BadRequestException;
import com.marketplacecontracts.core.error.ApiError;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.core.operation.RateLimitKind;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import okhttp3.Headers;
import okhttp3.ResponseBody;

/**
 * Builds every failure the runtime reports: the typed exception for a non-2xx answer (with the marketplace's
 * parsed error body), and the details of failures without one. All text from the server passes through the
 * runtime's {@link Redactor} here: secrets masked, every string bounded.
 */
public final class ErrorDecoder {

  /** Longest request id kept: ids are short (a UUID, a traceparent is 55); a longer header is cut. */
  public static final int MAX_REQUEST_ID = 128;

  private static final List<String> REQUEST_ID_HEADERS =
      List.of("X-Request-Id", "X-Market-Req-Id", "traceparent", "Request-Id", "X-Correlation-Id");

  private final Marketplace marketplace;
  private final ErrorBodyParser parser;
  private final Clock clock;
  private final Redactor redactor;

  public ErrorDecoder(Marketplace marketplace, ErrorBodyParser parser, Clock clock, Redactor redactor) {
    this.marketplace = marketplace;
    this.parser = parser;
    this.clock = clock;
    this.redactor = Objects.requireNonNull(redactor, "redactor");
  }

  /**
   * The exception for an HTTP answer with {@code status} outside 2xx. Reads (and closes) the body, which the runtime
   * has already cut to a small prefix.
   *
   * @param sentTrace the {@code traceparent} the request carried: the request id when the server sends none
   */
  public MarketplaceException decode(String operationId, int status, Headers headers, String sentTrace,
      ResponseBody body) {
    String text = readBody(body);
    List<ApiError> errors = text.isBlank() ? null : parser.parse(text);
    String raw = errors == null && !text.isBlank() ? text : null;
    String requestId = requestId(headers);
    MarketplaceException.Details details = details(operationId, status, errors,
        requestId != null ? requestId : sentTrace, raw, null);
    return forStatus(status, details, headers, text);
  }

  /**
   * Details with every server-supplied part cleaned: secrets masked, strings cut (raw body to
   * {@link Redactor#MAX_RAW_BODY}, everything else to {@link Redactor#MAX_TEXT}).
   */
  public MarketplaceException.Details details(String operationId, int status, List<ApiError> errors,
      String requestId, String rawBody, String note) {
    List<ApiError> clean = errors == null ? List.of() : errors.stream().map(redactor::error).toList();
    return new MarketplaceException.Details(marketplace, operationId, status, clean, redactor.text(requestId),
        redactor.rawBody(rawBody), redactor.text(note));
  }

  /** Details of a call that got no usable HTTP answer, with what is known about why. */
  public MarketplaceException.Details noResponse(String operationId, String note) {
    return details(operationId, 0, List.of(), null, null, note);
  }

  /**
   * {@code failure}, noted as the end of a call an earlier attempt of which reached the marketplace (a retry the
   * limiter then held back, or whose connection failed): its {@link MarketplaceException#requestSent()} is true.
   */
  public static MarketplaceException reached(MarketplaceException failure) {
    Hooks.markSent(failure);
    return failure;
  }

  /** The marketplace whose failures this decoder builds. */
  public Marketplace marketplace() {
    return marketplace;
  }

  /** The runtime's redactor (secrets and length bounds), for other text it exposes. */
  public Redactor redactor() {
    return redactor;
  }

  /**
   * The id the server gave the request, from the first of the usual headers present: a header is hostile text bound
   * for exceptions, logs and span attributes, so it is cut to {@link #MAX_REQUEST_ID} characters and its control and
   * format characters (CR, LF, ESC, bidi overrides...) are dropped here, at the source.
   */
  public static String requestId(Headers headers) {
    for (String name : REQUEST_ID_HEADERS) {
      String value = headers.get(name);
      String id = Text.stripped(value, MAX_REQUEST_ID);
      if (id != null && !id.isBlank()) {
        return id;
      }
    }
    return null;
  }

  private MarketplaceException forStatus(int status, MarketplaceException.Details details, Headers headers,
      String body) {
    return switch (status) {
      case 400, 422 -> new BadRequestException(details, null);
      case 401 -> new UnauthorizedException(details, null);
      case 403 -> new ForbiddenException(details, null);
      case 404 -> new NotFoundException(details, null);
      case 420, 429 -> new RateLimitedException(details, RateLimitKind.ofBody(body),
          RetryAfter.from(headers, clock).orElse(null), null);
      default -> status >= 500 ? new ServerErrorException(details, null) : new ClientErrorException(details, null);
    };
  }

  private static String readBody(ResponseBody body) {
    if (body == null) {
      return "";
    }
    try (body) {
      return body.string();
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public String toString() {
    return "ErrorDecoder(" + marketplace + ")";
  }
}
