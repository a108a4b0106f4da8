package com.marketplacecontracts.core.http;

import com.marketplacecontracts.core.error.MarketplaceException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import okhttp3.Request;

/**
 * One operation of a generated API with its arguments, validated and ready to send. Each {@link #execute()} sends
 * it anew (so a call can be repeated, e.g. to poll), through the client's authentication, retries and rate limits.
 *
 * <pre>{@code
 * GetOrderIdentifiersStatusResponse status = market.orders().getOrderIdentifiersStatus(campaignId, orderId).execute();
 * }</pre>
 *
 * @param <T> the decoded response body
 */
public interface MarketplaceCall<T> {

  /**
   * Sends the request and returns the decoded body.
   *
   * @throws MarketplaceException the subtype for what went wrong: an error status (with the marketplace's error
   *     codes), no answer ({@code TransportException}), an answer that is not the documented JSON
   *     ({@code UnreadableResponseException}), or a client-side quota that would wait too long
   *     ({@code RateLimitedException})
   */
  T execute();

  /**
   * As {@link #execute()}, over within {@code timeout} when that is shorter than the client's call timeout (zero:
   * the call timeout alone). A poll gives each fetch what is left of its own timeout.
   */
  T executeWithin(Duration timeout);

  /**
   * Sends the request on OkHttp's dispatcher threads. The future completes with the body or fails with the same
   * {@link MarketplaceException} {@link #execute()} would throw; cancelling it cancels the HTTP call.
   */
  CompletableFuture<T> executeAsync();

  /**
   * This call with its own options (timeout, no retries, extra headers, another credential); this call is left as it
   * is. Options replace, they do not add up: {@code with(a).with(b)} is {@code with(b)}.
   */
  MarketplaceCall<T> with(RequestOptions options);

  /** The request as built from the arguments (credentials are added when it is sent). */
  Request request();
}
