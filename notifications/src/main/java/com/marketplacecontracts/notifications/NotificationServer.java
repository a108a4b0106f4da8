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
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
 * <p>The JDK server reads a request's line and headers on one of these threads before this code sees it, and its
 * own settings bound what this code cannot. Each is set here unless the user set it (the user's value wins):
 * <ul>
 *   <li>{@code sun.net.httpserver.maxReqTime=5} (seconds): a request not read whole within it (headers sent slowly,
 *       or never) is closed, freeing its thread;</li>
 *   <li>{@code sun.net.httpserver.maxRspTime=10}: an answer not sent within 10 s of the request is closed (the
 *       marketplace waits 10 s);</li>
 *   <li>{@code sun.net.httpserver.timerMillis=100}: how often those two are checked;</li>
 *   <li>{@code jdk.httpserver.maxConnections=1000}: past it a new connection is closed at once;</li>
 *   <li>{@code sun.net.httpserver.nodelay=true}: without it every answer waits about 40 ms for the client's delayed
 *       ACK.</li>
 * </ul>
 * The JDK reads them once, when the JVM's first HTTP server starts, for every server of the JVM: a JVM that started
 * one of its own before should set them on the command line.
 *
 * <p>A connection that finds every thread busy and the queue ({@code backlog}) full is closed at once, unanswered
 * (the marketplace resends); a handler's or the receiver's fault is answered 500 and the connection closed.
 */
public final class NotificationServer implements AutoCloseable {

  static final String NO_DELAY = "sun.net.httpserver.nodelay";
  static final String MAX_REQ_TIME = "sun.net.httpserver.maxReqTime";
  static final String MAX_RSP_TIME = "sun.net.httpserver.maxRspTime";
  static final String MAX_CONNECTIONS = "jdk.httpserver.maxConnections";
  static final String TIMER_MILLIS = "sun.net.httpserver.timerMillis";

  static {
    try {
      defaults(System.getProperties());
    } catch (SecurityException e) {
      // Not allowed here: the JDK's defaults stay.
    }
  }

  /**
   * Sets the JDK server's settings this server relies on, each unless set already. The JDK reads them once, when
   * the JVM's first HTTP server starts.
   */
  static void defaults(Properties properties) {
    // The JDK server writes an answer's headers and body apart; without TCP_NODELAY the body waits for the client's
    // delayed ACK, about 40 ms an answer (a PING's 1 s allows it, but every answer pays it).
    properties.putIfAbsent(NO_DELAY, "true");
    // Without these a request's line and headers may take forever, each holding a request thread (the JDK reads
    // them before this code sees the request); a request held in the queue counts its time there too.
    properties.putIfAbsent(MAX_REQ_TIME, "5");
    properties.putIfAbsent(MAX_RSP_TIME, "10");
    // How often the JDK looks for requests past their time (its default, 1 s, would also close a request queued
    // within a second after the slow ones, at the same look).
    properties.putIfAbsent(TIMER_MILLIS, "100");
    // Connections that never send a byte hold no thread but a descriptor each, until the JDK's idle check.
    properties.putIfAbsent(MAX_CONNECTIONS, "1000");
  }

  private final HttpServer server;
  private final ThreadPoolExecutor threads;
  private final ScheduledThreadPoolExecutor watchdog;
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
        }, new ThreadPoolExecutor.AbortPolicy());
    // AbortPolicy, never DiscardPolicy: the JDK closes the connection of an exchange the executor refuses (it
    // catches the rejection); a discarded one would keep its socket open with nobody to read or close it.
    this.threads.allowCoreThreadTimeOut(true);
    this.watchdog = new ScheduledThreadPoolExecutor(1, r -> {
      Thread thread = new Thread(r, "notification-read-timeout");
      thread.setDaemon(true);
      return thread;
    });
    // An alarm is cancelled once its step ends, well before it would ring: without this each would stay queued for
    // the whole timeout, two a request.
    this.watchdog.setRemoveOnCancelPolicy(true);
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

  /** Answers one exchange; whatever fails, the client gets a short answer or a closed connection, never a trace. */
  private void serve(HttpExchange exchange) {
    try {
      answer(exchange);
    } catch (RuntimeException | Error e) {
      // A fault past the receiver's own rules (it answers 500 itself for its own): the same 500, if nothing was sent.
      if (exchange.getResponseCode() == -1) {
        try (Alarm writing = arm()) {
          Answer failed = receiver.failed(e);
          exchange.getResponseHeaders().set("Connection", "close");
          send(exchange, failed.status(), failed.bytes());
        } catch (IOException | RuntimeException ignored) {
          // Gone or cut off: the connection is closed below.
        }
      }
    } finally {
      abort(exchange);
    }
  }

  private void answer(HttpExchange exchange) {
    Answer answer = null;
    int bare = 0;
    try (Alarm reading = arm()) {
      if (!exchange.getRequestURI().getPath().equals(path)) {
        bare = 404;
      } else if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        bare = 405;
      } else {
        int max = receiver.maxBodyBytes();
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        byte[] body = length != null && tooLong(length, max) ? new byte[max + 1] : read(exchange.getRequestBody(), max);
        if (body == null || reading.rang()) {
          abort(exchange);
          return;
        }
        InetAddress remote = exchange.getRemoteAddress() == null ? null : exchange.getRemoteAddress().getAddress();
        reading.disarm();
        answer = receiver.receive(body, exchange.getRequestHeaders(), remote);
      }
    }
    // Writing the answer and closing (which drains what the client still sends) are bounded the same way.
    try (Alarm writing = arm()) {
      if (answer == null) {
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(bare, -1);
      } else {
        send(exchange, answer.status(), answer.bytes());
      }
      exchange.close();
    } catch (IOException e) {
      abort(exchange);
    }
  }

  private static void abort(HttpExchange exchange) {
    try {
      exchange.close();
    } catch (RuntimeException ignored) {
      // Already closed (by the timeout, or after the answer).
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
   * Interrupts this thread after {@link #readTimeout} unless closed first: an interrupted thread blocked in the
   * connection's channel closes that channel, so a client that sends slowly (or not at all) is cut off.
   */
  private Alarm arm() {
    return new Alarm(Thread.currentThread());
  }

  private final class Alarm implements AutoCloseable {
    private final Thread owner;
    private final ScheduledFuture<?> future;
    private boolean armed = true;
    private boolean rang;

    Alarm(Thread owner) {
      this.owner = owner;
      this.future = watchdog.schedule(this::ring, readTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void ring() {
      if (armed) {
        rang = true;
        owner.interrupt();
      }
    }

    synchronized boolean rang() {
      return rang;
    }

    void disarm() {
      synchronized (this) {
        armed = false;
      }
      future.cancel(false);
      Thread.interrupted();
    }

    @Override
    public void close() {
      disarm();
    }
  }

  /** At most {@code max + 1} bytes (one more tells "too long"); {@code null} when cut off or gone. */
  private static byte[] read(InputStream in, int max) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max + 1, 8192));
    try {
      byte[] chunk = new byte[8192];
      int n;
      while (out.size() <= max && (n = in.read(chunk, 0, Math.min(chunk.length, max + 1 - out.size()))) != -1) {
        out.write(chunk, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      return null;
    }
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", Answer.CONTENT_TYPE);
    exchange.sendResponseHeaders(status, body.length);
    OutputStream out = exchange.getResponseBody();
    out.write(body);
    out.flush();
  }

  /** Stops listening (in-flight answers get up to a second) and the read watchdog; the receiver is the caller's. */
  @Override
  public void close() {
    server.stop(1);
    threads.shutdownNow();
    watchdog.shutdownNow();
  }

  /** Alarms scheduled and not yet rung or cancelled. */
  int pendingAlarms() {
    return watchdog.getQueue().size();
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

    /**
     * Request threads (default 32) and requests waiting for one (default 256, also the TCP accept backlog); past it a
     * connection is closed at once, unanswered.
     */
    public Builder threads(int threads, int backlog) {
      if (threads < 1 || threads > 1000 || backlog < 1 || backlog > 100_000) {
        throw new IllegalArgumentException("threads: 1 to 1000 and backlog: 1 to 100000, were " + threads + ", "
            + backlog);
      }
      this.threads = threads;
      this.backlog = backlog;
      return this;
    }

    /**
     * How long a body may take to arrive (default 5 s; the marketplace gives the whole answer 10 s). The JDK's
     * {@code sun.net.httpserver.maxReqTime} (5 s unless set) bounds the headers and the body together.
     */
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
