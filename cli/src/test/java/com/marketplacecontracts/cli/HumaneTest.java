package com.marketplacecontracts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** Network failures in words: what failed from the exception's type, where from the URL requests went to. */
class HumaneTest {

  @Test
  void aConnectFailureNamesWhereRequestsWentNotWhatItsMessageSays() {
    ConnectException failure = new ConnectException("Failed to connect to /10.9.8.7:1234");
    failure.initCause(new ConnectException("Connection refused"));

    String text = Humane.network("yandex getOrders: network failure (ConnectException: Failed to connect to"
        + " /10.9.8.7:1234)", new IOException("wrapped", failure), "api.example.org:443");

    assertThat(text).isEqualTo("yandex getOrders: cannot connect to api.example.org:443");
  }

  @Test
  void aConnectFailureWithAnotherReasonSaysIt() {
    ConnectException failure = new ConnectException("Failed to connect to /10.9.8.7:1234");
    failure.initCause(new ConnectException("Network is unreachable"));

    assertThat(Humane.network("teez x: network failure (whatever the text)", failure, "10.9.8.7:1234"))
        .isEqualTo("teez x: cannot connect to 10.9.8.7:1234 (network is unreachable)");
  }

  @Test
  void anUnknownHostIsNamedFromTheDestination() {
    assertThat(Humane.network("yandex getOrders: network failure (text)", new UnknownHostException("other"),
        "no-such.example:443")).isEqualTo("yandex getOrders: cannot resolve the host name no-such.example");
  }

  @Test
  void aTimeoutACutConnectionAndABrokenAnswerAreSaidInWordsNotClassNames() {
    assertThat(Humane.network("yandex x: network failure (SocketTimeoutException: timeout)",
        new java.net.SocketTimeoutException("timeout"), "h:1")).isEqualTo("yandex x: no answer from h:1 in time");
    assertThat(Humane.network("yandex x: network failure (InterruptedIOException: timeout)",
        new java.io.InterruptedIOException("timeout"), "h:1")).isEqualTo("yandex x: no answer from h:1 in time");
    assertThat(Humane.network("yandex x: network failure (IOException: unexpected end of stream on ...)",
        new IOException("unexpected end of stream on ...", new java.io.EOFException("\\n not found")), "h:1"))
        .isEqualTo("yandex x: h:1 closed the connection before its answer was complete");
    assertThat(Humane.network("yandex x: network failure (ProtocolException: unexpected end of stream)",
        new java.net.ProtocolException("unexpected end of stream"), "h:1"))
        .isEqualTo("yandex x: the answer from h:1 was cut or is not HTTP");
  }

  @Test
  void anotherFailureOrAnUnknownDestinationLeavesTheTextAsItIs() {
    assertThat(Humane.network("yandex x: network failure (SSLHandshakeException: bad)",
        new javax.net.ssl.SSLHandshakeException("bad"), "h:1"))
        .isEqualTo("yandex x: network failure (SSLHandshakeException: bad)");
    assertThat(Humane.network("yandex x: network failure (ConnectException: ...)", new ConnectException("x"), null))
        .isEqualTo("yandex x: network failure (ConnectException: ...)");
  }

  @Test
  void aRetriedAttemptIsSaidAsTheFinalErrorWouldSayIt() {
    assertThat(Humane.attempt("ConnectException: Failed to connect to /10.9.8.7:1234", "h.example:8080"))
        .isEqualTo("cannot connect to h.example:8080");
    assertThat(Humane.attempt("UnknownHostException: whatever", "h.example:8080"))
        .isEqualTo("cannot resolve the host name h.example");
    assertThat(Humane.attempt("SocketTimeoutException: timeout", "h:1")).isEqualTo("no answer from h:1 in time");
    assertThat(Humane.attempt("ProtocolException: unexpected end of stream", "h:1"))
        .isEqualTo("the answer from h:1 was cut or is not HTTP");
    assertThat(Humane.attempt("IOException: unexpected end of stream on http://h:1/...", "h:1"))
        .isEqualTo("h:1 closed the connection before its answer was complete");
    assertThat(Humane.attempt("HTTP 503", null)).isEqualTo("HTTP 503: marketplace server error");
    assertThat(Humane.attempt("HTTP 420 (quota)", null)).isEqualTo("HTTP 420: rate limit exceeded (quota)");
    assertThat(Humane.attempt("HTTP 420 (parallel limit)", null))
        .isEqualTo("HTTP 420: rate limit exceeded (parallel requests)");
    assertThat(Humane.attempt("HTTP 429", null)).isEqualTo("HTTP 429: rate limit exceeded (quota)");
  }
}
