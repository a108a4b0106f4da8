package com.marketplacecontracts.mock;

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

  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  @SuppressWarnings("resource")
  static DockerPrism start(Path spec) {
    if (!dockerAvailable()) {
      throw new PrismUnavailableException("no Docker engine answers here; use -Dprism.mode=local (or auto)");
    }
    List<String> log = new CopyOnWriteArrayList<>();
    GenericContainer<?> container = new GenericContainer<>(IMAGE)
        .withCopyFileToContainer(MountableFile.forHostPath(spec.toAbsolutePath()), "/tmp/spec.yaml")
        .withCommand("mock", "-h", "0.0.0.0", "-p", Integer.toString(PORT), "/tmp/spec.yaml")
        .withExposedPorts(PORT)
        .withLogConsumer(frame -> log.add(frame.getUtf8String().stripTrailing()))
        .waitingFor(Wait.forLogMessage(".*" + LocalPrism.READY + ".*", 1)
            .withStartupTimeout(Duration.ofSeconds(120)));
    container.start();
    return new DockerPrism(container, log);
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
