package com.marketplacecontracts.notifications;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A ready HTTP endpoint for a {@link NotificationReceiver}, on the JDK's own {@code com.sun.net.httpserver}: for
 * a seller with no server of their own. Listens on loopback by default (put a TLS proxy in front: the marketplace
 * posts to an HTTPS address with a CA-signed certificate), serves {@code POST /notification} (the path is
 * configurable), and bounds each request: the body at the receiver's {@link NotificationReceiver#maxBodyBytes()},
 * its reading at {@code readTimeout} (a slow body is cut off and its connection closed), the threads at
 * {@code threads}.
 *
 * <p>The JDK server reads a request's headers on one of these threads before this code sees it; a client that
 * sends headers slowly is bounded only by the JDK's {@code -Dsun.net.httpserver.maxReqTime=SECONDS}: set it when
 * the port is reachable by anyone but the marketplace.
 */
public final class NotificationServer implements AutoCloseable {

  private final HttpServer server;
  private final ThreadPoolExecutor threads;
  private final ScheduledExecutorService watchdog;
  private final NotificationReceiver receiver;
  private final Duration readTimeout;
  private final String path;

  private NotificationServer(Builder b) throws IOException {
    this.receiver = Objects.requireNonNull(b.receiver, "receiver");
    this.readTimeout = b.readTimeout;
    this.path = b.path;
    AtomicInteger count = new AtomicInteger();
    this.threads = new ThreadPoolExecutor(b.threads, b.threads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(b.backlog), r -> {
          Thread thread = new Thread(r, "notification-http-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        }, new ThreadPoolExecutor.DiscardPolicy());
    this.threads.allowCoreThreadTimeOut(true);
    this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "notification-read-timeout");
      thread.setDaemon(true);
      return thread;
    });
    this.server = HttpServer.create(new InetSocketAddress(b.address, b.port), b.backlog);
    server.setExecutor(threads);
    server.createContext("/", this::serve);
    server.start();
  }

  public static Builder builder(NotificationReceiver receiver) {
    return new Builder(receiver);
  }

  /** The port listened on (useful with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://host:port/notification}: the address to register (behind your HTTPS proxy). */
  public String url() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().getHostAddress();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + path;
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals(path)) {
        send(exchange, 404, null);
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        send(exchange, 405, null);
        return;
      }
      int max = receiver.maxBodyBytes();
      String length = exchange.getRequestHeaders().getFirst("Content-Length");
      byte[] body;
      if (length != null && tooLong(length, max)) {
        body = new byte[max + 1];
      } else {
        body = read(exchange.getRequestBody(), max);
        if (body == null) {
          return;
        }
      }
      InetAddress remote = exchange.getRemoteAddress() == null ? null : exchange.getRemoteAddress().getAddress();
      Answer answer = receiver.receive(body, exchange.getRequestHeaders(), remote);
      send(exchange, answer.status(), answer.bytes());
    }
  }

  private static boolean tooLong(String length, int max) {
    try {
      return Long.parseLong(length.trim()) > max;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /**
   * At most {@code max + 1} bytes (one more tells "too long"), within {@link #readTimeout}: past it the reading
   * thread is interrupted, which closes the connection's channel. {@code null} when cut off.
   */
  private byte[] read(InputStream in, int max) {
    Thread reader = Thread.currentThread();
    Object lock = new Object();
    boolean[] state = {true, false};
    ScheduledFuture<?> alarm = watchdog.schedule(() -> {
      synchronized (lock) {
        if (state[0]) {
          state[1] = true;
          reader.interrupt();
        }
      }
    }, readTimeout.toMillis(), TimeUnit.MILLISECONDS);
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max + 1, 8192));
    boolean ok = false;
    try {
      byte[] chunk = new byte[8192];
      int n;
      while (out.size() <= max && (n = in.read(chunk, 0, Math.min(chunk.length, max + 1 - out.size()))) != -1) {
        out.write(chunk, 0, n);
      }
      ok = true;
    } catch (IOException e) {
      // Cut off (timeout) or the client went away: no answer can be sent.
    } finally {
      synchronized (lock) {
        state[0] = false;
      }
      alarm.cancel(false);
      Thread.interrupted();
    }
    return ok && !state[1] ? out.toByteArray() : null;
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", Answer.CONTENT_TYPE);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Stops listening (in-flight answers get up to a second) and the read watchdog; the receiver is the caller's. */
  @Override
  public void close() {
    server.stop(1);
    threads.shutdownNow();
    watchdog.shutdownNow();
  }

  @Override
  public String toString() {
    return "NotificationServer[" + url() + "]";
  }

  public static final class Builder {
    private final NotificationReceiver receiver;
    private InetAddress address = InetAddress.getLoopbackAddress();
    private int port;
    private String path = "/notification";
    private int threads = 32;
    private int backlog = 256;
    private Duration readTimeout = Duration.ofSeconds(5);

    private Builder(NotificationReceiver receiver) {
      this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    /** Where to listen: loopback (default), or an address of this host ({@code 0.0.0.0} for all). */
    public Builder address(InetAddress address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The port, 0 (default) for a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port: must be 0 to 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** The path served (default {@code /notification}, as the marketplace posts). */
    public Builder path(String path) {
      if (path == null || !path.startsWith("/") || path.length() > 200) {
        throw new IllegalArgumentException("path: must start with / (at most 200 characters)");
      }
      this.path = path;
      return this;
    }

    /** Request threads (default 32) and connections waiting for one (default 256; past it they are dropped). */
    public Builder threads(int threads, int backlog) {
      if (threads < 1 || threads > 1000 || backlog < 1 || backlog > 100_000) {
        throw new IllegalArgumentException("threads: 1 to 1000 and backlog: 1 to 100000, were " + threads + ", "
            + backlog);
      }
      this.threads = threads;
      this.backlog = backlog;
      return this;
    }

    /** How long a body may take to arrive (default 5 s; the marketplace gives the whole answer 10 s). */
    public Builder readTimeout(Duration readTimeout) {
      if (readTimeout.isNegative() || readTimeout.isZero() || readTimeout.compareTo(Duration.ofSeconds(9)) > 0) {
        throw new IllegalArgumentException("readTimeout: must be more than 0 and at most 9 s, was " + readTimeout);
      }
      this.readTimeout = readTimeout;
      return this;
    }

    /** Starts listening. */
    public NotificationServer start() {
      try {
        return new NotificationServer(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on " + address.getHostAddress() + ":" + port, e);
      }
    }
  }
}
