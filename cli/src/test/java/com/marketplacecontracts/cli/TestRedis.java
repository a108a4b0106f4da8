package com.marketplacecontracts.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Test helper: a real {@code redis-server} on a free loopback port, without persistence, stopped on close. */
final class TestRedis implements AutoCloseable {

  private static final List<Path> CANDIDATES =
      List.of(Path.of("/usr/bin/redis-server"), Path.of("/usr/local/bin/redis-server"));

  private final Process process;
  private final int port;

  private TestRedis(Path binary, int port) {
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

  /** The installed binary, or {@code null}. */
  static Path binary() {
    return CANDIDATES.stream().filter(Files::isExecutable).findFirst().orElse(null);
  }

  static TestRedis start() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      int port = socket.getLocalPort();
      socket.close();
      return new TestRedis(binary(), port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  private static boolean accepting(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
