package com.marketplacecontracts.contract.prism;

import com.marketplacecontracts.contract.spec.Specs;
import com.marketplacecontracts.mock.PrismServer;
import com.marketplacecontracts.mock.PrismUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one Prism mock for a spec before a test class and stops it after, keeping its log in
 * {@code target/prism-<name>.log}. Mode from {@code -Dprism.mode} (auto, docker, local). When the chosen mode cannot
 * run here (docker without an engine) the class is skipped with the reason; a missing local install fails.
 */
public final class PrismExtension implements BeforeAllCallback, AfterAllCallback {

  private final String specPath;
  private PrismServer server;

  /** @param specPath the spec relative to {@code specs/}, e.g. {@code yandex/partner-api.yaml} */
  public PrismExtension(String specPath) {
    this.specPath = specPath;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    PrismServer.Mode mode = PrismServer.Mode.fromSystemProperty();
    Path root = Specs.root().getParent();
    try {
      server = PrismServer.start(Specs.root().resolve(specPath), root, mode);
    } catch (PrismUnavailableException e) {
      if (mode == PrismServer.Mode.DOCKER) {
        String reason = "Prism contract tests SKIPPED (-Dprism.mode=docker): " + e.getMessage();
        System.err.println(reason);
        Assumptions.abort(reason);
      }
      throw e;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (server == null) {
      return;
    }
    Path log = Path.of("target", "prism-" + specPath.replace('/', '-') + ".log");
    Files.createDirectories(log.getParent());
    Files.write(log, server.log());
    server.close();
  }

  /** The running server. */
  public PrismServer server() {
    if (server == null) {
      throw new IllegalStateException("Prism is not running");
    }
    return server;
  }

  /** How many requests Prism has logged receiving so far. */
  public long requestsReceived() {
    return server().log().stream().filter(line -> line.contains("Request received")).count();
  }
}
