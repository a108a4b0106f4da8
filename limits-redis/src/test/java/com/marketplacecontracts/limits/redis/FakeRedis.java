package com.marketplacecontracts.limits.redis;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test helper: a "Redis" on a loopback port that misbehaves on purpose. It reads RESP commands and answers the
 * connection handshake (HELLO refused, so clients fall back to RESP2; CLIENT, PING, SELECT and AUTH with +OK) like
 * a server, then hands every other command to a {@link Reply}; {@link #silent()} accepts connections and never
 * reads or answers anything. Counts the bytes it wrote, so a test can bound what a client took in.
 */
final class FakeRedis implements AutoCloseable {

  /** What the server answers to one command (name in upper case, arguments as text). */
  @FunctionalInterface
  interface Reply {
    void answer(String command, List<String> arguments, Out out) throws IOException, InterruptedException;
  }

  /** The connection's output, counted. */
  final class Out {
    private final OutputStream out;

    private Out(OutputStream out) {
      this.out = out;
    }

    void write(String text) throws IOException {
      write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void write(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
      written.addAndGet(bytes.length);
    }

    /** Ends the connection (a server that closes mid-reply). */
    void close() throws IOException {
      out.close();
    }
  }

  /** Type-correct answers with no state: what a cooperative Redis would send to the store's commands. */
  static final Reply COOPERATIVE = (command, arguments, out) -> out.write(canned(command, arguments));

  private final ServerSocket socket;
  private final Reply reply;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicLong written = new AtomicLong();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger commands = new AtomicInteger();
  private volatile boolean closed;

  FakeRedis(Reply reply) throws IOException {
    this.reply = reply;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "fake-redis-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Accepts connections and never reads or answers. */
  static FakeRedis silent() throws IOException {
    return new FakeRedis(null);
  }

  /** A Redis answering {@link #COOPERATIVE}ly, each answer {@code delayMillis} late. */
  static FakeRedis slow(long delayMillis) throws IOException {
    return new FakeRedis((command, arguments, out) -> {
      Thread.sleep(delayMillis);
      COOPERATIVE.answer(command, arguments, out);
    });
  }

  /**
   * A cooperative answer: SCRIPT LOAD the script's digest, the limits script "done, no tokens left", the raise
   * script "rose by 0", GET nothing.
   */
  static String canned(String command, List<String> arguments) {
    return switch (command) {
      case "GET" -> "$-1\r\n";
      case "SCRIPT" -> bulk(sha1(arguments.get(1)));
      case "EVAL", "EVALSHA" -> isLimitsScript(command, arguments) ? "*4\r\n:1\r\n:0\r\n:0\r\n$-1\r\n"
          : ":0\r\n";
      case "ZREM", "DEL" -> ":1\r\n";
      default -> "+OK\r\n";
    };
  }

  /** Whether the command runs the store's limits script (by digest or in full). */
  static boolean isLimitsScript(String command, List<String> arguments) {
    return command.equals("EVALSHA") && arguments.get(0).equals(RedisLimiterStore.LIMITS_SHA)
        || command.equals("EVAL") && arguments.get(0).equals(RedisLimiterStore.LIMITS);
  }

  /** Whether the command runs the limits script to take permits (its ARGV[9], the number of permit sets, above 0). */
  static boolean takesPermits(String command, List<String> arguments) {
    if (!isLimitsScript(command, arguments)) {
      return false;
    }
    int keys = Integer.parseInt(arguments.get(1));
    return Integer.parseInt(arguments.get(2 + keys + 8)) > 0;
  }

  private static String bulk(String text) {
    return "$" + text.length() + "\r\n" + text + "\r\n";
  }

  private static String sha1(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
          .digest(text.getBytes(StandardCharsets.ISO_8859_1)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  String uri() {
    return "redis://127.0.0.1:" + socket.getLocalPort();
  }

  int port() {
    return socket.getLocalPort();
  }

  /** Bytes written to clients so far. */
  long written() {
    return written.get();
  }

  int connections() {
    return connections.get();
  }

  /** Commands handed to the reply (the handshake's not counted). */
  int commands() {
    return commands.get();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket connection = socket.accept();
        connection.setTcpNoDelay(true);
        connections.incrementAndGet();
        open.add(connection);
        Thread worker = new Thread(() -> serve(connection), "fake-redis-connection");
        worker.setDaemon(true);
        worker.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      if (reply == null) {
        while (!closed) {
          Thread.sleep(20);
        }
        return;
      }
      InputStream in = new BufferedInputStream(connection.getInputStream());
      Out out = new Out(connection.getOutputStream());
      while (!closed) {
        List<String> request = command(in);
        if (request == null || request.isEmpty()) {
          return;
        }
        String name = request.get(0).toUpperCase(Locale.ROOT);
        switch (name) {
          case "HELLO" -> out.write("-ERR unknown command 'HELLO'\r\n");
          case "CLIENT", "PING", "SELECT", "AUTH" -> out.write("+OK\r\n");
          default -> {
            commands.incrementAndGet();
            reply.answer(name, request.subList(1, request.size()), out);
          }
        }
      }
    } catch (IOException | InterruptedException e) {
      // the client went away or the server was closed: that is how these exchanges end
    } finally {
      open.remove(connection);
    }
  }

  /** One RESP command: an array of bulk strings; {@code null} at the end of the stream. */
  private static List<String> command(InputStream in) throws IOException {
    String header = line(in);
    if (header == null) {
      return null;
    }
    if (!header.startsWith("*")) {
      throw new IOException("not a RESP command: " + header);
    }
    int count = Integer.parseInt(header.substring(1));
    List<String> parts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String length = line(in);
      if (length == null || !length.startsWith("$")) {
        throw new IOException("not a bulk string: " + length);
      }
      byte[] bytes = in.readNBytes(Integer.parseInt(length.substring(1)));
      in.readNBytes(2);
      parts.add(new String(bytes, StandardCharsets.ISO_8859_1));
    }
    return parts;
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        return line.toString().stripTrailing();
      }
      line.append((char) b);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    socket.close();
    for (Socket connection : open) {
      connection.close();
    }
  }
}
