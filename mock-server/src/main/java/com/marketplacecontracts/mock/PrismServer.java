package com.marketplacecontracts.mock;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A Prism 5 mock server started from one of the project's specs, on a free loopback port: through Testcontainers
 * where a Docker engine runs, else as a local process from the npm package {@code @stoplight/prism-cli} installed in
 * the project ({@code npm ci}). Keeps Prism's log. Close it to stop it.
 */
public interface PrismServer extends AutoCloseable {

  /** How to run Prism: chosen by the system property {@code prism.mode}. */
  enum Mode {
    /** Docker when an engine answers, else the local process. */
    AUTO,
    /** Only Docker (the {@code stoplight/prism} image). */
    DOCKER,
    /** Only the local npm package. */
    LOCAL;

    /** The mode the {@code prism.mode} system property names ({@code auto} when unset). */
    public static Mode fromSystemProperty() {
      String value = System.getProperty("prism.mode", "auto").trim().toUpperCase(Locale.ROOT);
      try {
        return Mode.valueOf(value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("prism.mode must be auto, docker or local, was " + value, e);
      }
    }
  }

  /** Base URL of the mock, e.g. {@code http://127.0.0.1:43127/}. */
  String baseUrl();

  /** Everything Prism printed so far, line by line. */
  List<String> log();

  /** How Prism is running: {@code local} or {@code docker}. */
  String kind();

  @Override
  void close();

  /**
   * Starts Prism on {@code spec} and waits until it listens.
   *
   * @param spec        the OpenAPI file
   * @param projectRoot the folder holding {@code node_modules} (for the local mode)
   * @param mode        how to run it
   * @throws PrismUnavailableException when the mode cannot run here (no Docker engine, Prism not installed)
   */
  static PrismServer start(Path spec, Path projectRoot, Mode mode) {
    return switch (mode) {
      case LOCAL -> LocalPrism.start(spec, projectRoot);
      case DOCKER -> DockerPrism.start(spec);
      case AUTO -> DockerPrism.dockerAvailable() ? DockerPrism.start(spec) : LocalPrism.start(spec, projectRoot);
    };
  }
}
