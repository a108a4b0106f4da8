package com.marketplacecontracts.mock;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Prism as a child process from {@code node_modules/.bin/prism}. */
final class LocalPrism implements PrismServer {

  static final String READY = "Prism is listening on";
  private static final long START_TIMEOUT_SECONDS = 60;

  private final Process process;
  private final String baseUrl;
  private final List<String> log;

  private LocalPrism(Process process, String baseUrl, List<String> log) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.log = log;
  }

  static Path executable(Path projectRoot) {
    return projectRoot.resolve("node_modules").resolve(".bin").resolve("prism");
  }

  static LocalPrism start(Path spec, Path projectRoot) {
    Path prism = executable(projectRoot);
    if (!Files.isExecutable(prism)) {
      throw new PrismUnavailableException("Prism is not installed at " + prism
          + ": run `npm ci` in " + projectRoot.toAbsolutePath());
    }
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(prism.toString(), "mock", "-h", "127.0.0.1", "-p",
        Integer.toString(port), spec.toAbsolutePath().toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("NO_COLOR", "1");
    builder.environment().put("FORCE_COLOR", "0");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new PrismUnavailableException("could not start " + prism, e);
    }
    List<String> log = new CopyOnWriteArrayList<>();
    CountDownLatch ready = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          log.add(line);
          if (line.contains(READY)) {
            ready.countDown();
          }
        }
      } catch (IOException e) {
        log.add("(log reader stopped: " + e.getMessage() + ")");
      }
    }, "prism-log-" + port);
    reader.setDaemon(true);
    reader.start();
    try {
      if (!ready.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS) || !process.isAlive()) {
        process.destroyForcibly();
        throw new PrismUnavailableException("Prism did not start within " + START_TIMEOUT_SECONDS + " s: "
            + String.join("\n", log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new PrismUnavailableException("interrupted while starting Prism", e);
    }
    awaitAccepting(port, process, log);
    return new LocalPrism(process, "http://127.0.0.1:" + port + "/", log);
  }

  /** After the ready line, also wait until the port accepts connections (it answers, not just says it will). */
  private static void awaitAccepting(int port, Process process, List<String> log) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          process.destroyForcibly();
          throw new PrismUnavailableException("Prism said it listens on " + port + " but does not accept: "
              + String.join("\n", log), e);
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          process.destroyForcibly();
          throw new PrismUnavailableException("interrupted while starting Prism", interrupted);
        }
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String baseUrl() {
    return baseUrl;
  }

  @Override
  public List<String> log() {
    return List.copyOf(log);
  }

  @Override
  public String kind() {
    return "local";
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
