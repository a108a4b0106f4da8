package com.marketplacecontracts.mock;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A Prism 5 mock server started from a spec, on a free loopback port: through Testcontainers where a Docker engine
 * runs and Testcontainers is on the classpath, else as a local process from the npm package
 * {@code @stoplight/prism-cli} (found in {@code node_modules} of the project or a folder above, or on the PATH).
 * Keeps Prism's log. Close it to stop it; a local Prism also stops when the JVM ends, however it ends.
 * For JUnit 5 tests, {@code @MarketplaceMock} does all of this.
 */
public interface PrismServer extends AutoCloseable {

  /** The marker of a violation in Prism's log, of a request or of Prism's own answer. */
  String VIOLATION = "Violation:";

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
    return start(spec, projectRoot, mode, false);
  }

  /**
   * Starts Prism on {@code spec}; with {@code dynamic} it answers random schema-valid data instead of the spec's
   * examples (one request can also ask for that with the header {@code Prefer: dynamic=true}).
   *
   * @param projectRoot where to look for {@code node_modules/.bin/prism} first; null for the working directory
   */
  static PrismServer start(Path spec, Path projectRoot, Mode mode, boolean dynamic) {
    List<String> options = dynamic ? List.of("-d") : List.of();
    return switch (mode) {
      case LOCAL -> LocalPrism.start(spec, projectRoot, options);
      case DOCKER -> DockerPrism.start(spec, options);
      case AUTO -> DockerPrism.dockerAvailable()
          ? DockerPrism.start(spec, options) : LocalPrism.start(spec, projectRoot, options);
    };
  }

  /**
   * Starts a local Prism on a given loopback port (e.g. one a client was configured with before the mock was needed).
   *
   * @param projectRoot where to look for {@code node_modules/.bin/prism} first; null for the working directory
   */
  static PrismServer startLocal(Path spec, Path projectRoot, int port) {
    return LocalPrism.start(spec, projectRoot, List.of(), port);
  }

  /** A loopback port free right now, for {@link #startLocal(Path, Path, int)}. */
  static int freePort() {
    return LocalPrism.freePort();
  }

  /** Starts Prism on the spec a client jar on the classpath carries; mode from {@code -Dprism.mode}. */
  static PrismServer start(MarketplaceSpec spec, boolean dynamic) {
    return start(spec.extract(), null, Mode.fromSystemProperty(), dynamic);
  }

  /**
   * The request violations Prism reported in {@code logLines}: its {@code Violation:} lines whose location starts
   * with {@code request}, e.g. {@code request.path.campaignid Request path parameter campaignid must be >= 1}. What
   * it says of its own answers is in {@link #answerViolations}.
   */
  static List<String> violations(List<String> logLines) {
    return violationsAt(logLines, "request");
  }

  /**
   * The violations Prism reported of its own answers in {@code logLines} (location {@code response...}), e.g. a
   * generated body cut short in a recursive schema: faults of the mock or the spec, not of the requests sent.
   */
  static List<String> answerViolations(List<String> logLines) {
    return violationsAt(logLines, "response");
  }

  private static List<String> violationsAt(List<String> logLines, String location) {
    return logLines.stream()
        .filter(line -> line.contains(VIOLATION))
        .map(line -> line.substring(line.indexOf(VIOLATION) + VIOLATION.length()).strip())
        .filter(violation -> violation.equals(location) || violation.startsWith(location + ".")
            || violation.startsWith(location + " "))
        .toList();
  }
}
