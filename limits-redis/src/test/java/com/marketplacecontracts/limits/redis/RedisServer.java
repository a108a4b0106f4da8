package com.marketplacecontracts.limits.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: a real {@code redis-server} (Debian package {@code redis-server}) on a free loopback port, without
 * persistence, stopped on close. The one copy: this module's test-jar carries it to the tests of the modules that
 * need a Redis (notifications, spring-boot-starter).
 */
public final class RedisServer implements AutoCloseable {

  private static final List<Path> CANDIDATES =
      List.of(Path.of("/usr/bin/redis-server"), Path.of("/usr/local/bin/redis-server"));

  private final Process process;
  private final int port;

  private RedisServer(Path binary, int port) {
    this.port = port;
    try {
      this.process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
          "--save", "", "--appendonly", "no", "--protected-mode", "no")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!accepting(port)) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        process.destroyForcibly();
        throw new IllegalStateException("redis-server did not start on port " + port);
      }
      Thread.onSpinWait();
    }
  }

  /** The installed binary, or {@code null} (a test that can do without Redis checks it first and skips). */
  public static Path binary() {
    return CANDIDATES.stream().filter(Files::isExecutable).findFirst().orElse(null);
  }

  /** A server on a free port. */
  public static RedisServer start() {
    return start(freePort());
  }

  /**
   * A server on {@code port}.
   *
   * @throws IllegalStateException when redis-server is not installed, or does not accept connections within 10 s
   */
  public static RedisServer start(int port) {
    Path binary = binary();
    if (binary == null) {
      throw new IllegalStateException("redis-server is not installed (apt-get install redis-server), looked for "
          + CANDIDATES);
    }
    return new RedisServer(binary, port);
  }

  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  private static boolean accepting(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A loopback port free at the time of the call (nothing listens there: a store that is down). */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
