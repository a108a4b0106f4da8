package com.marketplacecontracts.mock.junit;

import com.marketplacecontracts.mock.MarketplaceSpec;
import com.marketplacecontracts.mock.PrismServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The running mock of a {@link MarketplaceMock} test class, as a test parameter. */
public final class MockedMarketplace {

  private final MarketplaceSpec spec;
  private final PrismServer server;
  private final AtomicInteger markers = new AtomicInteger();
  private volatile int testStart;

  MockedMarketplace(MarketplaceSpec spec, PrismServer server) {
    this.spec = spec;
    this.server = server;
  }

  /** The spec it serves. */
  public MarketplaceSpec spec() {
    return spec;
  }

  /** Base URL, e.g. {@code http://127.0.0.1:43127/}: give it to the client builder's {@code baseUrl}. */
  public String baseUrl() {
    return server.baseUrl();
  }

  /**
   * Request violations Prism reported since the current test started, one line each (location {@code request...}).
   * Prism's log arrives through a pipe, so this first sends Prism a marker request and reads the log up to it: every
   * answer the test already got is logged before that marker.
   */
  public List<String> violations() {
    return PrismServer.violations(logOfTest());
  }

  /**
   * What Prism found wrong in its own answers since the current test started (location {@code response...}), e.g. a
   * body generated from a recursive schema and cut at a depth: not the test's doing, so they never fail it.
   */
  public List<String> answerViolations() {
    return PrismServer.answerViolations(logOfTest());
  }

  /** Prism's log from the current test's start up to now (through a marker request, see {@link #violations()}). */
  List<String> logOfTest() {
    List<String> log = logUpToMarker();
    return log.subList(Math.min(testStart, log.size()), log.size());
  }

  private List<String> logUpToMarker() {
    String marker = "/__marketplace-mock-marker/" + markers.incrementAndGet();
    try {
      HttpURLConnection connection = (HttpURLConnection) URI.create(server.baseUrl()).resolve(marker.substring(1))
          .toURL().openConnection();
      connection.setConnectTimeout(2000);
      connection.setReadTimeout(5000);
      connection.getResponseCode();
      connection.disconnect();
    } catch (IOException e) {
      throw new UncheckedIOException("Prism did not answer a marker request", e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      List<String> log = server.log();
      for (int i = log.size() - 1; i >= 0; i--) {
        if (log.get(i).contains(marker)) {
          return log.subList(0, i);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Prism's log did not show the marker request " + marker);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading Prism's log", e);
      }
    }
  }

  /** Everything Prism printed since it started. */
  public List<String> log() {
    return server.log();
  }

  void testStarted() {
    testStart = logUpToMarker().size();
  }

  PrismServer server() {
    return server;
  }
}
