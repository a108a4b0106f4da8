package com.marketplacecontracts.core.error;

import com.marketplacecontracts.core.retry.RetryAfter;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import okhttp3.Headers;
import okhttp3.ResponseBody;

/** Turns a non-2xx answer into the typed exception for its status, with the marketplace's parsed error body. */
public final class ErrorDecoder {

  /** Raw bodies kept on an exception are cut to this many characters. */
  static final int MAX_RAW_BODY = 2_000;
  private static final long MAX_READ_BYTES = 256 * 1024;
  private static final List<String> REQUEST_ID_HEADERS =
      List.of("X-Request-Id", "X-Market-Req-Id", "traceparent", "Request-Id", "X-Correlation-Id");

  private final String marketplace;
  private final ErrorBodyParser parser;
  private final Clock clock;

  public ErrorDecoder(String marketplace, ErrorBodyParser parser, Clock clock) {
    this.marketplace = marketplace;
    this.parser = parser;
    this.clock = clock;
  }

  /**
   * The exception for an HTTP answer with {@code status} outside 2xx. Reads (and closes) the body.
   *
   * @param sentTrace the {@code traceparent} the request carried: the request id when the server sends none
   */
  public MarketplaceException decode(String operationId, int status, Headers headers, String sentTrace,
      ResponseBody body) {
    String text = readBody(body);
    List<ApiError> errors = text.isBlank() ? null : parser.parse(text);
    String raw = errors == null && !text.isBlank() ? truncate(text) : null;
    String requestId = requestId(headers);
    MarketplaceException.Details details = new MarketplaceException.Details(marketplace, operationId, status,
        errors == null ? List.of() : errors, requestId != null ? requestId : sentTrace, raw);
    return forStatus(status, details, headers);
  }

  /** The id the server gave the request, from the first of the usual headers present. */
  public static String requestId(Headers headers) {
    for (String name : REQUEST_ID_HEADERS) {
      String value = headers.get(name);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  private MarketplaceException forStatus(int status, MarketplaceException.Details details, Headers headers) {
    return switch (status) {
      case 400, 422 -> new BadRequestException(details, null);
      case 401 -> new UnauthorizedException(details, null);
      case 403 -> new ForbiddenException(details, null);
      case 404 -> new NotFoundException(details, null);
      case 420, 429 -> new RateLimitedException(details, RetryAfter.from(headers, clock).orElse(null), null);
      default -> status >= 500 ? new ServerErrorException(details, null) : new ClientErrorException(details, null);
    };
  }

  private static String readBody(ResponseBody body) {
    if (body == null) {
      return "";
    }
    try (body) {
      okio.BufferedSource source = body.source();
      source.request(MAX_READ_BYTES);
      okio.Buffer buffer = source.getBuffer();
      return buffer.clone().readUtf8(Math.min(buffer.size(), MAX_READ_BYTES));
    } catch (IOException e) {
      return "";
    }
  }

  static String truncate(String text) {
    return text.length() <= MAX_RAW_BODY ? text : text.substring(0, MAX_RAW_BODY) + "...(truncated)";
  }

  @Override
  public String toString() {
    return "ErrorDecoder(" + marketplace + ")";
  }
}
