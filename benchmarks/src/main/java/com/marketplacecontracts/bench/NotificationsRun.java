package com.marketplacecontracts.bench;

import com.marketplacecontracts.notifications.Answer;
import com.marketplacecontracts.notifications.NotificationReceiver;
import com.marketplacecontracts.notifications.NotificationServer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The notification receiver under load, side by side in one run: how fast PING is answered while other notifications
 * pour in and the seller's handler takes 5 s each (the marketplace gives PING 1 s), and how many notifications a
 * second the embedded server accepts with a handler that does nothing. Clients and server share this JVM and its
 * cores; each client thread keeps one HTTP/1.1 connection open, as the marketplace's sender does. Usage: {@code java
 * -cp benchmarks/target/benchmarks.jar com.marketplacecontracts.bench.NotificationsRun [pings] [seconds]} (2000
 * PINGs, 10 s per throughput row); the report is also written to {@code benchmarks/target/notifications-report.md}.
 */
public final class NotificationsRun {

  static final String PING = "{\"notificationType\":\"PING\",\"time\":\"2026-04-20T10:00:00.000Z\"}";
  static final Duration SLOW_HANDLER = Duration.ofSeconds(5);
  static final int LOADERS = 16;
  /** A row that cannot answer its PINGs in time stops after this long and says how many it measured. */
  static final Duration MAX_ROW = Duration.ofSeconds(60);

  private NotificationsRun() {
  }

  public static void main(String[] args) throws Exception {
    int pings = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    List<String> report = new ArrayList<>();
    report.add("# Notifications report");
    report.add("");
    report.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        + "; load average at the start: " + loadAverage() + ".");
    report.add("");
    report.add("## PING answer time (" + pings + " PINGs one after another from when the other senders start;"
        + " 500 before them not counted)");
    report.add("");
    report.add("| receiver | other notifications meanwhile | p50 ms | p99 ms | max ms | over 1 s |");
    report.add("| --- | --- | --- | --- | --- | --- |");
    report.add(pingRow("idle", NotificationReceiver.Mode.ACKNOWLEDGE_THEN_HANDLE, 0, pings));
    report.add(pingRow("handler 5 s, acknowledge then handle (default)", NotificationReceiver.Mode.ACKNOWLEDGE_THEN_HANDLE,
        LOADERS, pings));
    report.add(pingRow("handler 5 s, handle then answer", NotificationReceiver.Mode.HANDLE_THEN_ANSWER, LOADERS, pings));
    report.add(pingRow("handler 5 s, handle then answer, 40 senders", NotificationReceiver.Mode.HANDLE_THEN_ANSWER, 40,
        pings));

    report.add("");
    report.add("## Accepted notifications per second (no-op handler, " + seconds + " s a row after 3 s of warm-up)");
    report.add("");
    report.add("| path | client threads | accepted/s | answers other than 200 |");
    report.add("| --- | --- | --- | --- |");
    for (int threads : new int[] {4, 16}) {
      report.add(throughputRow(true, threads, seconds));
    }
    report.add(throughputRow(false, 4, seconds));
    report.add("");
    report.add("Load average at the end: " + loadAverage() + ".");

    report.forEach(System.out::println);
    Path file = Path.of("benchmarks", "target", "notifications-report.md");
    Files.createDirectories(file.getParent());
    Files.write(file, report);
  }

  /** PING times while {@code loaders} threads post distinct ORDER_STATUS_UPDATED events to a 5 s handler. */
  private static String pingRow(String name, NotificationReceiver.Mode mode, int loaders, int pings) throws Exception {
    NotificationReceiver receiver = NotificationReceiver.builder().mode(mode).handler(n -> Thread.sleep(
        SLOW_HANDLER.toMillis())).build();
    NotificationServer server = NotificationServer.builder(receiver).start();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicBoolean measuring = new AtomicBoolean(false);
    Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    LongAdder loadCount = new LongAdder();
    AtomicLong ids = new AtomicLong();
    long[] nanos = new long[pings];
    int done = 0;
    List<Thread> threads = new ArrayList<>();
    long loadStart;
    try (Client client = new Client(server.port())) {
      for (int i = 0; i < 500; i++) {
        check(client.post(PING));
      }
      // The senders start with the measurement: the PINGs meet the burst that fills the queue and the handlers.
      measuring.set(true);
      for (int i = 0; i < loaders; i++) {
        Thread loader = new Thread(() -> {
          try (Client sender = new Client(server.port())) {
            while (running.get()) {
              if (measuring.get()) {
                loadCount.increment();
              }
              int status = sender.post(event(ids.incrementAndGet()));
              if (measuring.get()) {
                statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
              }
            }
          } catch (IOException e) {
            if (measuring.get()) {
              statuses.computeIfAbsent(-1, s -> new LongAdder()).increment();
            }
          }
        }, "loader-" + i);
        loader.setDaemon(true);
        loader.start();
        threads.add(loader);
      }
      loadStart = System.nanoTime();
      long giveUp = loadStart + MAX_ROW.toNanos();
      for (int i = 0; i < pings && System.nanoTime() - giveUp < 0; i++) {
        long start = System.nanoTime();
        check(client.post(PING));
        nanos[i] = System.nanoTime() - start;
        done++;
      }
      measuring.set(false);
    }
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
    nanos = Arrays.copyOf(nanos, done);
    running.set(false);
    server.close();
    receiver.close(Duration.ZERO);
    for (Thread thread : threads) {
      thread.join(10_000);
    }
    Arrays.sort(nanos);
    long over = Arrays.stream(nanos).filter(n -> n > 1_000_000_000L).count();
    String load = loaders == 0 ? "none" : String.format(Locale.ROOT, "%d senders, %.0f sent/s; answered: %s",
        loaders, loadCount.sum() / loadSeconds, statuses.isEmpty() ? "none yet" : statusText(statuses, 0));
    String measured = done == pings ? name : name + " (" + done + " PINGs in " + MAX_ROW.toSeconds() + " s)";
    return String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %d |", measured, load, ms(nanos, 0.50),
        ms(nanos, 0.99), nanos[nanos.length - 1] / 1e6, over);
  }

  /** Distinct events a second: over HTTP (the embedded server) or calling the receiver's core directly. */
  private static String throughputRow(boolean http, int threads, int seconds) throws Exception {
    LongAdder handled = new LongAdder();
    NotificationReceiver receiver = NotificationReceiver.builder().handler(n -> handled.increment())
        .pool(2, 10_000).build();
    NotificationServer server = http ? NotificationServer.builder(receiver).start() : null;
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicBoolean measuring = new AtomicBoolean(false);
    LongAdder accepted = new LongAdder();
    Map<Integer, LongAdder> other = new ConcurrentHashMap<>();
    AtomicLong ids = new AtomicLong();
    Map<String, List<String>> headers = Map.of("Content-Type", List.of("application/json"));
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread worker = new Thread(() -> {
        try (Client client = http ? new Client(server.port()) : null) {
          while (running.get()) {
            String body = event(ids.incrementAndGet());
            int status = http ? client.post(body)
                : receiver.receive(body.getBytes(StandardCharsets.UTF_8), headers, InetAddress.getLoopbackAddress())
                .status();
            if (measuring.get()) {
              if (status == 200) {
                accepted.increment();
              } else {
                other.computeIfAbsent(status, s -> new LongAdder()).increment();
              }
            }
          }
        } catch (IOException e) {
          other.computeIfAbsent(-1, s -> new LongAdder()).increment();
        }
      }, "client-" + i);
      worker.setDaemon(true);
      worker.start();
      workers.add(worker);
    }
    Thread.sleep(3000);
    measuring.set(true);
    long start = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    measuring.set(false);
    double elapsed = (System.nanoTime() - start) / 1e9;
    running.set(false);
    for (Thread worker : workers) {
      worker.join(10_000);
    }
    if (server != null) {
      server.close();
    }
    receiver.close(Duration.ofSeconds(5));
    return String.format(Locale.ROOT, "| %s | %d | %.0f | %s |", http ? "HTTP (embedded server, keep-alive)"
        : "receiver core (receive() called directly)", threads, accepted.sum() / elapsed,
        other.isEmpty() ? "none" : statusText(other, accepted.sum()));
  }

  /** An ORDER_STATUS_UPDATED event that no other one repeats. */
  static String event(long id) {
    return "{\"notificationType\":\"ORDER_STATUS_UPDATED\",\"campaignId\":21000001,\"orderId\":" + (1_000_000 + id)
        + ",\"status\":\"PROCESSING\",\"substatus\":\"STARTED\",\"updatedAt\":\"2026-04-20T10:05:00.000+03:00\"}";
  }

  private static void check(int status) {
    if (status != 200) {
      throw new IllegalStateException("PING answered " + status);
    }
  }

  /** Each status's share of all answers ({@code more}: answers not in the map). */
  private static String statusText(Map<Integer, LongAdder> statuses, long more) {
    long total = more + statuses.values().stream().mapToLong(LongAdder::sum).sum();
    List<String> parts = new ArrayList<>();
    statuses.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> parts.add(
        String.format(Locale.ROOT, "%s %.1f %%", e.getKey() < 0 ? "no answer" : e.getKey().toString(),
            100.0 * e.getValue().sum() / Math.max(1, total))));
    return String.join(", ", parts);
  }

  private static double ms(long[] sorted, double quantile) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** One keep-alive HTTP/1.1 connection posting to {@code /notification}: the answer's status, its body read. */
  private static final class Client implements AutoCloseable {
    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    Client(int port) throws IOException {
      this.port = port;
      connect();
    }

    private void connect() throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(30_000);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream());
    }

    int post(String json) throws IOException {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      byte[] head = ("POST /notification HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
      byte[] request = Arrays.copyOf(head, head.length + body.length);
      System.arraycopy(body, 0, request, head.length, body.length);
      out.write(request);
      out.flush();
      String status = line();
      if (status == null) {
        throw new IOException("connection closed");
      }
      int length = 0;
      boolean close = false;
      for (String header = line(); header != null && !header.isEmpty(); header = line()) {
        String lower = header.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Integer.parseInt(lower.substring(15).trim());
        } else if (lower.startsWith("connection:") && lower.contains("close")) {
          close = true;
        }
      }
      in.readNBytes(Math.min(length, 1 << 20));
      if (close) {
        socket.close();
        connect();
      }
      return Integer.parseInt(status.substring(9, 12));
    }

    private String line() throws IOException {
      StringBuilder text = new StringBuilder();
      for (int c = in.read(); c != -1; c = in.read()) {
        if (c == '\n') {
          int end = text.length();
          return end > 0 && text.charAt(end - 1) == '\r' ? text.substring(0, end - 1) : text.toString();
        }
        if (text.length() > 8192) {
          throw new IOException("header line too long");
        }
        text.append((char) c);
      }
      return text.length() == 0 ? null : text.toString();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
