package com.marketplacecontracts.core.internal.http;

import com.marketplacecontracts.core.http.RequestOptions;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import okhttp3.Request;
import retrofit2.Invocation;

/**
 * What the runtime learns about one call of a generated API while it runs, for the failure it may end in and for
 * {@code callEnded}: the last status, the attempts that went out, whether a request reached the network, and the
 * {@code traceparent} it carried. Made by the typed call before it is sent; the runtime's outermost interceptor
 * tags each request with it, so the inner ones read it without a lookup.
 */
final class CallState {

  /** The typed calls in flight by their invocation (weak: a call that is never forgotten does not stay). */
  static final class Registry {
    private final Map<Invocation, CallState> calls = Collections.synchronizedMap(new WeakHashMap<>());

    void register(Invocation invocation, CallState state) {
      if (invocation != null) {
        calls.put(invocation, state);
      }
    }

    CallState of(Request request) {
      Invocation invocation = request.tag(Invocation.class);
      return invocation == null ? null : calls.get(invocation);
    }

    void forget(Request request) {
      Invocation invocation = request.tag(Invocation.class);
      if (invocation != null) {
        calls.remove(invocation);
      }
    }
  }

  /** The traceparent a listener asked for (validated), or null. */
  final String askedTraceparent;
  /** What this call does differently from its client. */
  final RequestOptions options;
  /** Its answer is decoded by a generated model's adapter, which takes a guard's check (AnswerCheck). */
  final boolean checkedDecoding;
  volatile int status;
  /** The request id of the last answer (its header), for a failure to decode it; null when it gave none. */
  volatile String requestId;
  volatile int attempts;
  volatile boolean sent;
  volatile String traceparent;

  CallState(String askedTraceparent, RequestOptions options, boolean checkedDecoding) {
    this.askedTraceparent = askedTraceparent;
    this.options = options;
    this.checkedDecoding = checkedDecoding;
  }

  /** The last status noted for {@code request}'s call, or 0. */
  static int status(CallState state) {
    return state == null ? 0 : state.status;
  }
}
