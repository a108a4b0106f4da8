package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.internal.error.UriMask;
import com.marketplacecontracts.core.internal.http.ClientRuntime;
import com.marketplacecontracts.mock.notifications.NotificationSender;
import com.marketplacecontracts.notifications.Notification;
import com.marketplacecontracts.notifications.NotificationReceiver;
import com.marketplacecontracts.notifications.NotificationServer;
import com.marketplacecontracts.notifications.ReceiverListener;
import com.marketplacecontracts.notifications.SourceFilter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code marketplace yandex notifications listen|send}: the receiving side of the marketplace's notifications by
 * hand. {@code listen} hosts the library's receiver (for trying a registration), {@code send} plays the marketplace
 * against a receiver (for testing one) and says whether each answer fits the contract.
 */
@Command(name = "notifications", mixinStandardHelpOptions = true,
    description = "What the marketplace posts to the seller's server (specs/yandex/notification-api.yaml).",
    subcommands = {NotificationsCommand.Listen.class, NotificationsCommand.Send.class})
final class NotificationsCommand {

  /** {@code send}: some answer does not fit the contract (the drift command's "breaking" code). */
  static final int BREAKS_CONTRACT = 1;
  private static final int MAX_SHOWN = 200;
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

  private NotificationsCommand() {
  }

  /** {@code marketplace yandex notifications listen --port P [--host H] [--count N]} */
  @Command(name = "listen", mixinStandardHelpOptions = true,
      description = {"Answer the marketplace's notifications on http://HOST:PORT/notification with the library's"
          + " receiver and print each request: a line (or, with --json, a JSON line) per event, PING, repeat and"
          + " refused body. Ctrl-C stops (the answers in flight are finished).",
          "The marketplace posts to an HTTPS address: put a TLS proxy (or a tunnel) in front and register its URL"
              + " in the seller cabinet (API → Notifications); its PING is answered at once."},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:stopped (Ctrl-C, or --count requests answered)", "2:bad input",
          "5:cannot listen (the port is taken, the address is not this host's)"})
  static final class Listen implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", required = true, paramLabel = "P",
        description = "The port, 0 for a free one (printed on stderr).") int port;
    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
        description = "The address to listen on, an IP literal (default ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String host;
    @Option(names = "--path", paramLabel = "PATH", defaultValue = "/notification",
        description = "The path served (default ${DEFAULT-VALUE}, as the marketplace posts).") String path;
    @Option(names = "--marketplace-only",
        description = "Answer only the marketplace's sender networks (" + "5.45.207.0/25, 141.8.142.0/25,"
            + " 5.255.253.0/25); others get 403.") boolean marketplaceOnly;
    @Option(names = "--trusted-proxy", paramLabel = "CIDR",
        description = "With --marketplace-only behind a proxy: believe X-Forwarded-For from this network only;"
            + " repeat for more.") List<String> trustedProxies = new ArrayList<>();
    @Option(names = "--count", paramLabel = "N",
        description = "Stop after N requests answered (default: run until Ctrl-C).") Long count;

    /** Released by Ctrl-C (the shutdown hook), --count, or an interrupt of the running thread. */
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Map<ReceiverListener.Kind, AtomicLong> tally = new EnumMap<>(ReceiverListener.Kind.class);

    @Override
    public Integer call() {
      MarketplaceCli root = (MarketplaceCli) spec.root().userObject();
      Output output = root.output(spec);
      if (count != null && (count < 1 || count > 1_000_000_000L)) {
        throw new ParameterException(spec.commandLine(), "--count: must be 1 to 1000000000, was " + count);
      }
      if (port < 0 || port > 65535) {
        throw new ParameterException(spec.commandLine(), "--port: must be 0 to 65535, was " + port);
      }
      InetAddress address = address();
      SourceFilter sources = sources();
      for (ReceiverListener.Kind kind : ReceiverListener.Kind.values()) {
        tally.put(kind, new AtomicLong());
      }
      Printer printer = new Printer(output);
      NotificationReceiver.Builder receiver = NotificationReceiver.builder()
          .integration("marketplace-cli", ClientRuntime.version())
          // The 200 of an event means "printed": a printed line is what this command is for, and printing is
          // quick; a stalled stdout gets 500 after the deadline and the marketplace resends.
          .mode(NotificationReceiver.Mode.HANDLE_THEN_ANSWER)
          .handlerDeadline(Duration.ofSeconds(5))
          .pool(2, 100)
          .handler(printer::event)
          .listener(printer);
      if (sources != null) {
        receiver.sources(sources);
      }
      NotificationServer server;
      NotificationReceiver built = receiver.build();
      NotificationServer.Builder listening = NotificationServer.builder(built).address(address).port(port);
      try {
        listening.path(path);
      } catch (IllegalArgumentException e) {
        built.close(Duration.ZERO);
        throw new ParameterException(spec.commandLine(), "--path: must start with / (at most 200 characters)");
      }
      try {
        server = listening.start();
      } catch (UncheckedIOException e) {
        built.close(Duration.ZERO);
        output.error("error: " + e.getMessage() + ": " + e.getCause().getMessage());
        return ExitCodes.FAILURE;
      }
      CountDownLatch closed = new CountDownLatch(1);
      Thread hook = new Thread(() -> {
        stop.countDown();
        try {
          closed.await(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "notifications-listen-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        output.progress("Listening on " + server.url() + (sources != null ? " (" + sources + " only)" : "")
            + ". Register the HTTPS address that forwards here; Ctrl-C stops.");
        printer.header();
        try {
          stop.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      } finally {
        server.close();
        built.close(Duration.ofSeconds(2));
        output.progress("Stopped: " + summary());
        closed.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // Shutting down already (Ctrl-C): the hook is running.
        }
      }
      return ExitCodes.OK;
    }

    private String summary() {
      List<String> parts = new ArrayList<>();
      long total = 0;
      for (Map.Entry<ReceiverListener.Kind, AtomicLong> entry : tally.entrySet()) {
        long n = entry.getValue().get();
        total += n;
        if (n > 0) {
          parts.add(n + " " + entry.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
      }
      return Plural.of(total, "request") + " answered" + (parts.isEmpty() ? "" : " (" + String.join(", ", parts)
          + ")");
    }

    private InetAddress address() {
      if (host.length() > 45 || !host.matches("[0-9a-fA-F:.]+")) {
        throw new ParameterException(spec.commandLine(), "--host: must be an IP address (e.g. 127.0.0.1 or"
            + " 0.0.0.0), was " + Terminal.safe(host.length() > 60 ? host.substring(0, 60) + "..." : host));
      }
      try {
        return InetAddress.getByName(host);
      } catch (UnknownHostException e) {
        throw new ParameterException(spec.commandLine(), "--host: not an IP address: " + Terminal.safe(host));
      }
    }

    private SourceFilter sources() {
      if (!marketplaceOnly) {
        if (!trustedProxies.isEmpty()) {
          throw new ParameterException(spec.commandLine(), "--trusted-proxy needs --marketplace-only");
        }
        return null;
      }
      SourceFilter filter = SourceFilter.marketplace();
      try {
        return trustedProxies.isEmpty() ? filter : filter.behindProxies(trustedProxies);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--trusted-proxy: " + e.getMessage());
      }
    }

    /** Prints each answer: the handler prints events with their fields, the listener everything else. */
    private final class Printer implements ReceiverListener {
      private static final int[] WIDTHS = {12, 3, 16, 30, 29, 0};
      private final Output output;
      private final AtomicLong answered = new AtomicLong();

      Printer(Output output) {
        this.output = output;
      }

      void header() {
        if (!output.json()) {
          output.println(row("TIME", "ANS", "OUTCOME", "TYPE", "EVENT TIME", "DETAILS"));
        }
      }

      /** An accepted event: printed before its 200 is sent (HANDLE_THEN_ANSWER). */
      void event(Notification n) {
        OffsetDateTime time = n.eventTime();
        if (output.json()) {
          output.json(new Event(now(), 200, Kind.ACCEPTED.name(), n.type(), time == null ? null : time.toString(),
              n.key(), n.fields(), null));
        } else {
          output.println(row(now(), "200", Kind.ACCEPTED.name(), n.type(), time == null ? "" : time.toString(),
              scalars(n.fields())));
        }
      }

      @Override
      public void answered(Outcome outcome) {
        tally.get(outcome.kind()).incrementAndGet();
        if (outcome.kind() != Kind.ACCEPTED) {
          if (output.json()) {
            output.json(new Event(now(), outcome.status(), outcome.kind().name(), outcome.type(), null,
                outcome.key(), null, outcome.message()));
          } else {
            output.println(row(now(), Integer.toString(outcome.status()), outcome.kind().name(),
                outcome.type() == null ? "" : outcome.type(), "", outcome.message() == null ? "" : outcome.message()));
          }
        }
        if (count != null && answered.incrementAndGet() >= count) {
          stop.countDown();
        }
      }

      @Override
      public void handlerFailed(Notification notification, Throwable failure) {
        output.error("could not print " + notification.type() + " in time: answered 500 (the marketplace resends)");
      }

      @Override
      public void storeFailed(RuntimeException failure) {
        output.error("the store of repeats failed: the event was treated as new");
      }

      private String row(String... cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
          String cell = Terminal.safe(cells[i]);
          int width = WIDTHS[i];
          if (width == 0) {
            line.append(cell.length() > 2 * MAX_SHOWN ? cell.substring(0, 2 * MAX_SHOWN) + "…" : cell);
          } else {
            String fitted = cell.length() <= width ? cell : cell.substring(0, width - 1) + "…";
            line.append(fitted).append(" ".repeat(width - fitted.length() + 2));
          }
        }
        return line.toString().stripTrailing();
      }
    }

    private static String now() {
      return LocalTime.now().format(CLOCK);
    }

    /** The top-level ids and statuses, {@code name=value} (lists and objects are in --json). */
    private static String scalars(Map<String, Object> fields) {
      StringBuilder text = new StringBuilder();
      fields.forEach((name, value) -> {
        if (!"notificationType".equals(name) && value != null && !(value instanceof Map) && !(value instanceof List)) {
          text.append(text.length() == 0 ? "" : " ").append(name).append('=').append(clip(value.toString()));
        }
      });
      return text.toString();
    }
  }

  /**
   * One JSON line of {@code listen}: when, the status answered, the outcome, the type, the event time and key of an
   * event with its fields as received, or the rule a refused body broke.
   */
  public record Event(String received, int status, String outcome, String type, String eventTime, String key,
      Map<String, Object> notification, String message) {
  }

  /** One JSON line of {@code send}: what was posted, the answer's status and time, and what breaks the contract. */
  public record Sent(String sent, int status, long tookMs, boolean conforms, List<String> problems, String answer) {
  }

  /** {@code marketplace yandex notifications send TYPE|--all --to URL [--duplicate] [--malformed]} */
  @Command(name = "send", mixinStandardHelpOptions = true,
      description = {"Play the marketplace against a notification receiver: post TYPE's example from the contract"
          + " and check the answer (status, body against the spec, 1 s for PING and 10 s otherwise).",
          "--duplicate posts it again (a repeat must be answered 200 too); --malformed posts each variant that breaks"
              + " the contract (a required field left out, an id or a date-time of the wrong kind: 400"
              + " WRONG_EVENT_FORMAT expected); --all does all of it for every type, with generated bodies and"
              + " bodies that are no notification."},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:every answer fits the contract", "1:some answer does not fit the contract (each is named)",
          "2:bad input (an unknown TYPE, a URL that is none)", "5:no answer at all from the URL"})
  static final class Send implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TYPE",
        description = "The notification type (PING, ORDER_CREATED, ...), as the contract names it.") String type;
    @Option(names = "--to", required = true, paramLabel = "URL",
        description = "The receiver's full URL, e.g. http://127.0.0.1:8080/notification.") String to;
    @Option(names = "--all", description = "Every type: example, repeat, generated body, malformed variants.")
    boolean all;
    @Option(names = "--duplicate", description = "Post the example a second time (a repeat).") boolean duplicate;
    @Option(names = "--malformed", description = "Post each malformed variant of TYPE.") boolean malformed;

    @Override
    public Integer call() {
      MarketplaceCli root = (MarketplaceCli) spec.root().userObject();
      Output output = root.output(spec);
      NotificationSender sender = NotificationSender.to(target()).build();
      String shownTarget = UriMask.mask(to);
      List<NotificationSender.Exchange> exchanges = new ArrayList<>();
      if (all) {
        if (type != null || duplicate || malformed) {
          throw new ParameterException(spec.commandLine(), "--all sends every type and variant: it takes no TYPE,"
              + " --duplicate or --malformed");
        }
        output.progress("Sending every notification type to " + shownTarget);
        exchanges.addAll(sender.sendAll().exchanges());
        exchanges.forEach(e -> print(output, e));
      } else {
        if (type == null) {
          throw new ParameterException(spec.commandLine(), "choose a TYPE or --all (types: "
              + String.join(", ", sender.types()) + ")");
        }
        String known = sender.types().stream().filter(t -> t.equalsIgnoreCase(type)).findFirst()
            .orElseThrow(() -> new ParameterException(spec.commandLine(), "TYPE: not a type of the contract: "
                + Terminal.safe(clip(type)) + " (types: " + String.join(", ", sender.types()) + ")"));
        output.progress("Sending " + known + " to " + shownTarget);
        send(output, exchanges, sender.send(known));
        if (duplicate) {
          send(output, exchanges, sender.send(known + " repeated", sender.example(known), 200, limit(known)));
        }
        if (malformed) {
          for (Map.Entry<String, String> body : sender.malformed(known).entrySet()) {
            send(output, exchanges, sender.send(known + " " + body.getKey(), body.getValue(), 400, limit(known)));
          }
        }
      }
      long failures = exchanges.stream().filter(e -> !e.problems().isEmpty()).count();
      if (!exchanges.isEmpty() && exchanges.stream().allMatch(e -> e.status() < 0)) {
        output.error("error: no answer from " + shownTarget + ": " + Humane.noAnswer(exchanges.get(0).problems()
            .get(0), Humane.hostAndPort(to)));
        return ExitCodes.FAILURE;
      }
      if (failures > 0) {
        output.error(failures + " of " + Plural.of(exchanges.size(), "answer") + (failures == 1 ? " does" : " do")
            + " not fit the notification contract");
        return BREAKS_CONTRACT;
      }
      output.progress(Plural.of(exchanges.size(), "answer") + ", all fit the notification contract");
      return ExitCodes.OK;
    }

    private URI target() {
      URI uri;
      try {
        uri = new URI(to);
      } catch (java.net.URISyntaxException e) {
        throw new ParameterException(spec.commandLine(), "--to: not a URL: " + Terminal.safe(UriMask.mask(clip(to))));
      }
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new ParameterException(spec.commandLine(), "--to: must be an http(s) URL with a host, was "
            + Terminal.safe(UriMask.mask(clip(to))));
      }
      return uri;
    }

    private void send(Output output, List<NotificationSender.Exchange> exchanges, NotificationSender.Exchange e) {
      exchanges.add(e);
      print(output, e);
    }

    private void print(Output output, NotificationSender.Exchange e) {
      boolean fits = e.problems().isEmpty();
      List<String> problems = e.problems().stream().map(p -> Humane.noAnswer(p, Humane.hostAndPort(to))).toList();
      if (output.json()) {
        output.json(new Sent(e.what(), e.status(), e.took().toMillis(), fits, problems, clip(e.body())));
      } else {
        output.println(String.format(Locale.ROOT, "%-48s %4s %6d ms  %s", clip(e.what()),
            e.status() < 0 ? "-" : Integer.toString(e.status()), e.took().toMillis(),
            fits ? "ok" : "BREAKS: " + String.join("; ", problems)
                + (e.body().isEmpty() ? "" : " (answer: " + clip(e.body()) + ")")));
      }
    }

    private static Duration limit(String type) {
      return "PING".equals(type) ? Duration.ofSeconds(1) : Duration.ofSeconds(10);
    }
  }

  private static String clip(String text) {
    if (text == null) {
      return "";
    }
    return text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "…" : text;
  }
}
