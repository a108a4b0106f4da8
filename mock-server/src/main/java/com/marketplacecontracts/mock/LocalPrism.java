package com.marketplacecontracts.mock;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Prism as a child process. It runs under a small Node watchdog ({@code prism-watchdog.js}) that stops Prism when
 * this JVM goes away by any path — its stdin (our pipe) closes when the JVM dies, even by {@code kill -9} or a crash —
 * and a shutdown hook closes every server still open at a normal exit or SIGTERM.
 */
final class LocalPrism implements PrismServer {

  static final String READY = "Prism is listening on";
  private static final long START_TIMEOUT_SECONDS = 60;
  private static final Set<LocalPrism> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(RUNNING).forEach(LocalPrism::close),
        "prism-shutdown"));
  }

  private final Process process;
  private final String baseUrl;
  private final List<String> log;

  private LocalPrism(Process process, String baseUrl, List<String> log) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.log = log;
  }

  static LocalPrism start(Path spec, Path projectRoot, List<String> prismOptions) {
    return start(spec, projectRoot, prismOptions, freePort());
  }

  static LocalPrism start(Path spec, Path projectRoot, List<String> prismOptions, int port) {
    requireNode(System.getenv("PATH"));
    Path prism = PrismLocator.find(projectRoot);
    List<String> command = new ArrayList<>(List.of("node", "-e", watchdogScript(), "--",
        Long.toString(ProcessHandle.current().pid()), prism.toString(), "mock", "-h", "127.0.0.1", "-p",
        Integer.toString(port)));
    command.addAll(prismOptions);
    command.add(spec.toAbsolutePath().toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("NO_COLOR", "1");
    builder.environment().put("FORCE_COLOR", "0");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new PrismUnavailableException("could not start Prism through `node` (is Node 18.20+ on the PATH?)", e);
    }
    List<String> log = new CopyOnWriteArrayList<>();
    CountDownLatch ready = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean listening = new java.util.concurrent.atomic.AtomicBoolean();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          log.add(line);
          if (line.contains(READY)) {
            listening.set(true);
            ready.countDown();
          }
        }
      } catch (IOException e) {
        log.add("(log reader stopped: " + e.getMessage() + ")");
      }
      ready.countDown();
    }, "prism-log-" + port);
    reader.setDaemon(true);
    reader.start();
    LocalPrism server = new LocalPrism(process, "http://127.0.0.1:" + port + "/", log);
    RUNNING.add(server);
    try {
      boolean said = ready.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (said && !listening.get()) {
        // its output ended without the ready line: it is stopping (the watchdog may take a moment to follow)
        process.waitFor(5, TimeUnit.SECONDS);
      }
      if (!process.isAlive() || (said && !listening.get())) {
        server.close();
        // Prism's own words (a spec it cannot read, a port in use, a Node too old), not a timeout
        throw new PrismUnavailableException("Prism stopped at start-up"
            + (process.isAlive() ? "" : " (exit " + process.exitValue() + ")") + ": " + tail(log));
      }
      if (!said) {
        server.close();
        throw new PrismUnavailableException("Prism did not start within " + START_TIMEOUT_SECONDS + " s: "
            + tail(log));
      }
      awaitAccepting(port, server);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.close();
      throw new PrismUnavailableException("interrupted while starting Prism", e);
    }
    return server;
  }

  /** The last lines Prism printed, bounded: enough to show its error, never an unbounded message. */
  private static String tail(List<String> log) {
    List<String> last = log.subList(Math.max(0, log.size() - 20), log.size());
    String text = last.isEmpty() ? "(it printed nothing)" : String.join("\n", last);
    return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
  }

  /**
   * Fails at once, saying what to install, when no {@code node} is on the PATH: the local mode cannot run, and the
   * container mode was not chosen (no engine answered, or Testcontainers is not on the test class path).
   */
  static void requireNode(String path) {
    if (path != null) {
      for (String folder : path.split(java.io.File.pathSeparator)) {
        if (!folder.isEmpty() && (java.nio.file.Files.isExecutable(Path.of(folder, "node"))
            || java.nio.file.Files.isExecutable(Path.of(folder, "node.exe")))) {
          return;
        }
      }
    }
    throw new PrismUnavailableException("the mock server needs Node 18.20 or newer on the PATH, and none was found:"
        + " install Node (https://nodejs.org), then `npm install --save-dev @stoplight/prism-cli@5.14.2` in your"
        + " project; or run a container engine (Docker, Podman) and add org.testcontainers:testcontainers to your"
        + " test dependencies: the mock then runs in a container with no setting");
  }

  private static String watchdogScript() {
    try (InputStream in = LocalPrism.class.getResourceAsStream("prism-watchdog.js")) {
      if (in == null) {
        throw new IllegalStateException("prism-watchdog.js missing from the mock-server jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** After the ready line, also wait until the port accepts connections (it answers, not just says it will). */
  private static void awaitAccepting(int port, LocalPrism server) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline || !server.process.isAlive()) {
          server.close();
          throw new PrismUnavailableException("Prism said it listens on " + port + " but does not accept: "
              + String.join("\n", server.log), e);
        }
        Thread.sleep(50);
      }
    }
  }

  static int freePort() {
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
    RUNNING.remove(this);
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    try {
      process.getOutputStream().close(); // the watchdog stops Prism's process group and exits
    } catch (IOException e) {
      process.destroy();
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }
}
