package com.marketplacecontracts.mock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.MountableFile;

/** Prism in the {@code stoplight/prism} container, through Testcontainers. */
final class DockerPrism implements PrismServer {

  static final String IMAGE = "stoplight/prism:5";
  private static final int PORT = 4010;

  private final GenericContainer<?> container;
  private final List<String> log;

  private DockerPrism(GenericContainer<?> container, List<String> log) {
    this.container = container;
    this.log = log;
  }

  /**
   * Whether a Docker engine answers. Asks Testcontainers only when it is on the classpath (an optional dependency)
   * and something points at an engine, so a machine without Docker gets no Testcontainers error lines.
   */
  static boolean dockerAvailable() {
    if (!testcontainersPresent() || !engineConfigured()) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static boolean testcontainersPresent() {
    try {
      Class.forName("org.testcontainers.DockerClientFactory", false, DockerPrism.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static boolean engineConfigured() {
    return System.getenv("DOCKER_HOST") != null
        || Files.exists(Path.of("/var/run/docker.sock"))
        || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
        || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
  }

  @SuppressWarnings("resource")
  static DockerPrism start(Path spec, List<String> prismOptions) {
    if (!testcontainersPresent()) {
      throw new PrismUnavailableException("prism.mode=docker needs org.testcontainers:testcontainers on the test"
          + " classpath (an optional dependency of mock-server)");
    }
    if (!dockerAvailable()) {
      throw new PrismUnavailableException("no Docker engine answers here; use -Dprism.mode=local (or auto)");
    }
    List<String> log = new CopyOnWriteArrayList<>();
    GenericContainer<?> container = new GenericContainer<>(IMAGE)
        .withCopyFileToContainer(MountableFile.forHostPath(spec.toAbsolutePath()), "/tmp/spec.yaml")
        .withCommand(command(prismOptions))
        .withExposedPorts(PORT)
        .withLogConsumer(frame -> log.add(frame.getUtf8String().stripTrailing()))
        .waitingFor(Wait.forLogMessage(".*" + LocalPrism.READY + ".*", 1)
            .withStartupTimeout(Duration.ofSeconds(120)));
    container.start();
    return new DockerPrism(container, log);
  }

  private static String[] command(List<String> prismOptions) {
    List<String> command = new java.util.ArrayList<>(List.of("mock", "-h", "0.0.0.0", "-p", Integer.toString(PORT)));
    command.addAll(prismOptions);
    command.add("/tmp/spec.yaml");
    return command.toArray(String[]::new);
  }

  @Override
  public String baseUrl() {
    return "http://" + container.getHost() + ":" + container.getMappedPort(PORT) + "/";
  }

  @Override
  public List<String> log() {
    return List.copyOf(log);
  }

  @Override
  public String kind() {
    return "docker";
  }

  @Override
  public void close() {
    container.stop();
  }
}
