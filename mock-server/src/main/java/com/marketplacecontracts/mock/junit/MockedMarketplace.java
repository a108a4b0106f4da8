package com.marketplacecontracts.mock.junit;

import com.marketplacecontracts.mock.MarketplaceSpec;
import com.marketplacecontracts.mock.PrismServer;
import java.util.List;

/** The running mock of a {@link MarketplaceMock} test class, as a test parameter. */
public final class MockedMarketplace {

  private final MarketplaceSpec spec;
  private final PrismServer server;
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

  /** Request violations Prism reported since the current test started, one line each. */
  public List<String> violations() {
    List<String> log = server.log();
    return PrismServer.violations(log.subList(Math.min(testStart, log.size()), log.size()));
  }

  /** Everything Prism printed since it started. */
  public List<String> log() {
    return server.log();
  }

  void testStarted() {
    testStart = server.log().size();
  }

  PrismServer server() {
    return server;
  }
}
