package com.marketplacecontracts.core.error;

import com.marketplacecontracts.core.internal.Hooks;
import com.marketplacecontracts.core.operation.CallOutcome;
import com.marketplacecontracts.core.operation.Marketplace;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The one unchecked exception every failed call ends in. Subtypes say which class of failure it was; each keeps
 * the marketplace, the operation, the HTTP status (0 when no response arrived), the marketplace's parsed errors, a
 * request id when the server sent one, and the raw body (truncated) when it could not be parsed. It never carries
 * credentials. {@link #requestSent()} and {@link #isRetryable()} tell a caller of a write whether it may have
 * happened and whether trying again could help.
 */
public class MarketplaceException extends RuntimeException {

  private final Marketplace marketplace;
  private final String operationId;
  private final int statusCode;
  private final List<ApiError> errors;
  private final String requestId;
  private final String rawBody;
  /** The request (this attempt, or an earlier one of the same call) may have reached the marketplace. */
  private volatile boolean sent;

  protected MarketplaceException(Details details, String summary, Throwable cause) {
    this(details, details.statusCode() > 0, summary, cause);
  }

  /**
   * @param requestSent whether the request may have reached the marketplace; always true when an answer came
   *                    ({@code statusCode > 0})
   */
  protected MarketplaceException(Details details, boolean requestSent, String summary, Throwable cause) {
    super(details.describe(summary), cause);
    this.sent = requestSent || details.statusCode() > 0;
    this.marketplace = details.marketplace();
    this.operationId = details.operationId();
    this.statusCode = details.statusCode();
    this.errors = List.copyOf(details.errors());
    this.requestId = details.requestId();
    this.rawBody = details.rawBody();
  }

  /** The marketplace the failed call went to. */
  public Marketplace marketplace() {
    return marketplace;
  }

  /** The spec's operationId of the failed call, or {@code unknown}. */
  public String operationId() {
    return operationId;
  }

  /** The HTTP status, or 0 when no HTTP response was received. */
  public int statusCode() {
    return statusCode;
  }

  /** The marketplace's error codes and messages, empty when the body had none or was not in the documented shape. */
  public List<ApiError> errors() {
    return errors;
  }

  /** The error codes alone, in order. */
  public List<String> errorCodes() {
    return errors.stream().map(ApiError::code).toList();
  }

  /** A request id the server sent ({@code traceparent}, {@code X-Request-Id}...), to find the call in its logs. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** The response body as received (truncated), when it was not the documented error shape; otherwise empty. */
  public Optional<String> rawBody() {
    return Optional.ofNullable(rawBody);
  }

  /**
   * Whether the request may have reached the marketplace, so a write may have taken effect: true when any answer
   * came (whatever its status) or when a request went out and its answer was lost (a read timeout, a reset after
   * sending), on this attempt or an earlier one of the same call; false when nothing left the client — invalid
   * input, the client's limiter held it back, the connection could not be opened.
   */
  public boolean requestSent() {
    return sent;
  }

  /**
   * Whether the same call could succeed if tried again later, as it is: true for rate limits, server errors and
   * network failures; false when the request itself, its credentials or the answer's shape is the problem. Whether
   * a retry is safe is another question: for a write that {@link #requestSent() may have been sent}, only if the
   * operation is idempotent.
   */
  public boolean isRetryable() {
    return false;
  }

  static {
    Hooks.markSent(failure -> ((MarketplaceException) failure).markSent());
  }

  /** Notes that an earlier attempt of the call reached the marketplace (the runtime's error decoder calls it). */
  final void markSent() {
    sent = true;
  }

  /**
   * This failure wrapped in an {@link IOException}, the only checked exception an OkHttp interceptor may throw: the
   * one carrier of an already typed failure. The client's call unwraps it ({@link #carriedBy}) and the retry policy
   * never repeats it: it is a decided outcome.
   */
  public IOException inTransit() {
    return new TypedFailure(this);
  }

  /**
   * The kind of outcome a failure is, as a metric tag or a code a script matches: its class ({@code TRANSPORT},
   * {@code RATE_LIMITED}...); {@link CallOutcome#OTHER} for one that is not the client's typed failure.
   */
  public static CallOutcome outcomeOf(Throwable failure) {
    MarketplaceException typed = failure instanceof MarketplaceException m ? m : carriedBy(failure);
    if (typed instanceof RateLimitedException) {
      return CallOutcome.RATE_LIMITED;
    } else if (typed instanceof BadRequestException) {
      return CallOutcome.BAD_REQUEST;
    } else if (typed instanceof UnauthorizedException) {
      return CallOutcome.UNAUTHORIZED;
    } else if (typed instanceof ForbiddenException) {
      return CallOutcome.FORBIDDEN;
    } else if (typed instanceof NotFoundException) {
      return CallOutcome.NOT_FOUND;
    } else if (typed instanceof ClientErrorException) {
      return CallOutcome.CLIENT_ERROR;
    } else if (typed instanceof ServerErrorException) {
      return CallOutcome.SERVER_ERROR;
    } else if (typed instanceof TransportException) {
      return CallOutcome.TRANSPORT;
    } else if (typed instanceof UnreadableResponseException) {
      return CallOutcome.UNREADABLE_RESPONSE;
    } else if (typed instanceof RedirectRefusedException) {
      return CallOutcome.REDIRECT_REFUSED;
    } else if (typed instanceof RequestValidationException) {
      return CallOutcome.INVALID_REQUEST;
    }
    return CallOutcome.OTHER;
  }

  /** The failure an exception from OkHttp carries (see {@link #inTransit}), or null. */
  public static MarketplaceException carriedBy(Throwable e) {
    return e instanceof TypedFailure carrier ? carrier.failure() : null;
  }

  /**
   * What describes a failure, gathered before the exception is built.
   *
   * @param marketplace the marketplace called
   * @param operationId spec operationId
   * @param statusCode  HTTP status or 0
   * @param errors      parsed errors
   * @param requestId   server request id or null
   * @param rawBody     unparsed body (truncated) or null
   * @param note        what else is known (the I/O or decoding failure), or null
   */
  public record Details(Marketplace marketplace, String operationId, int statusCode, List<ApiError> errors,
      String requestId, String rawBody, String note) {

    /** Errors named in a message, at most. */
    static final int MESSAGE_ERRORS = 10;

    public Details {
      errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public Details(Marketplace marketplace, String operationId, int statusCode, List<ApiError> errors,
        String requestId, String rawBody) {
      this(marketplace, operationId, statusCode, errors, requestId, rawBody, null);
    }

    /** Details of a call that got no HTTP answer. */
    public static Details noResponse(Marketplace marketplace, String operationId) {
      return new Details(marketplace, operationId, 0, List.of(), null, null, null);
    }

    /** The same details with {@code note} added to the message. */
    public Details withSummaryDetail(String note) {
      return new Details(marketplace, operationId, statusCode, errors, requestId, rawBody, note);
    }

    String describe(String summary) {
      StringBuilder out = new StringBuilder();
      out.append(marketplace == null ? "?" : marketplace.id()).append(' ').append(operationId);
      if (statusCode > 0) {
        out.append(": HTTP ").append(statusCode);
      }
      out.append(": ").append(summary);
      if (note != null && !note.isBlank()) {
        out.append(" (").append(note).append(')');
      }
      if (!errors.isEmpty()) {
        // The message names the first few; errors() keeps them all (a 64 KiB error body holds thousands).
        String named = errors.subList(0, Math.min(errors.size(), MESSAGE_ERRORS)).toString();
        out.append(" ").append(errors.size() <= MESSAGE_ERRORS ? named
            : named.substring(0, named.length() - 1) + ", ... " + (errors.size() - MESSAGE_ERRORS) + " more]");
      } else if (rawBody != null && !rawBody.isBlank()) {
        out.append(" (body: ").append(rawBody).append(')');
      }
      if (requestId != null) {
        out.append(" [request id ").append(requestId).append(']');
      }
      return out.toString();
    }
  }
}
