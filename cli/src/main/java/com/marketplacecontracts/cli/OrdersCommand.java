package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.error.UnreadableResponseException;
import com.marketplacecontracts.core.paging.PagingStoppedException;
import com.marketplacecontracts.model.Money;
import com.marketplacecontracts.model.Order;
import com.marketplacecontracts.model.yandex.YandexSellerDayMapper;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.day.OrderActions;
import com.marketplacecontracts.yandex.day.OrderHistory;
import com.marketplacecontracts.yandex.model.GetBusinessOrdersRequest;
import com.marketplacecontracts.yandex.model.OrderStateDTO;
import com.marketplacecontracts.yandex.model.OrderStatusType;
import com.marketplacecontracts.yandex.model.OrderSubstatusType;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/** The order commands of the seller's day: {@code yandex orders}, {@code order-status}, {@code labels}. */
final class OrdersCommand {

  private OrdersCommand() {
  }

  /** The order statuses a user may filter on. */
  static class Statuses extends KnownValues<OrderStatusType> {
    Statuses() {
      super(OrderStatusType.class);
    }

    @Override
    String elsewhere(String value) {
      List<String> substatuses = new Substatuses().values();
      java.util.Optional<String> exact = substatuses.stream().filter(s -> s.equalsIgnoreCase(value)).findFirst();
      if (exact.isPresent()) { // nothing to correct: it is the right name of the wrong kind
        return " " + exact.get() + " is a substatus, not a status" + substatusHint(exact.get());
      }
      return Suggest.closest(value, substatuses)
          .map(s -> " Did you mean " + s + "? It is a substatus, not a status" + substatusHint(s)).orElse("");
    }

    String substatusHint(String substatus) {
      return "; the order list here filters by status.";
    }
  }

  /**
   * The statuses the order list takes as a filter: not those it refuses ({@link OrderActions#NOT_FILTERABLE}), which
   * are then neither offered in the help nor suggested for a typo; given anyway, they are refused saying why.
   */
  static final class FilterStatuses extends Statuses {
    @Override
    boolean offered(OrderStatusType value) {
      return !OrderActions.NOT_FILTERABLE.contains(value);
    }

    @Override
    public OrderStatusType convert(String value) {
      for (OrderStatusType refused : OrderActions.NOT_FILTERABLE) {
        if (refused.getValue() != null && refused.getValue().equalsIgnoreCase(value.trim())) {
          throw new picocli.CommandLine.TypeConversionException("'" + value + "' is refused by the order list as a"
              + " filter; filter on one of " + String.join(", ", this));
        }
      }
      return super.convert(value);
    }
  }

  /**
   * The statuses an order may be moved to: not PLACING (the marketplace's own state while an order is created) nor
   * UNKNOWN (no status at all).
   */
  static final class TargetStatuses extends Statuses {
    @Override
    boolean offered(OrderStatusType value) {
      return value != OrderStatusType.PLACING && value != OrderStatusType.UNKNOWN;
    }

    @Override
    String substatusHint(String substatus) {
      return ": give it as --substatus " + substatus + " with the status it belongs to (e.g. --status PROCESSING"
          + " --substatus " + substatus + ").";
    }
  }

  /** The order substatuses a user may give. */
  static final class Substatuses extends KnownValues<OrderSubstatusType> {
    Substatuses() {
      super(OrderSubstatusType.class);
    }
  }

  /** {@code marketplace yandex orders --business-id B --from D --to D [--status S]... [--campaign-id C]...} */
  @Command(name = "orders", mixinStandardHelpOptions = true,
      description = {"The business's orders created from --from to --to (both days included), over"
          + " getBusinessOrders (POST v1/businesses/{businessId}/orders).",
          "Any period: asked in 30-day windows, each paged, every order once. A table, or JSON lines with --json."})
  static final class Orders extends YandexCommand.Base {
    @Option(names = "--business-id", required = true, paramLabel = "B", description = "Business (cabinet) id.")
    long businessId;
    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First day of creation.")
    LocalDate from;
    @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "Last day, included.")
    LocalDate to;
    @Option(names = "--status", paramLabel = "S", completionCandidates = FilterStatuses.class,
        converter = FilterStatuses.class,
        description = "Only orders in this status (repeatable): ${COMPLETION-CANDIDATES}")
    List<OrderStatusType> statuses = new ArrayList<>();
    @Option(names = "--campaign-id", paramLabel = "C", description = "Only this shop's orders (repeatable).")
    List<Long> campaignIds = new ArrayList<>();

    @Override
    Integer run(YandexMarketClient market, Output output) {
      if (to.isBefore(from)) {
        throw new ParameterException(spec.commandLine(), "--to (" + to + ") is before --from (" + from + ")");
      }
      Set<OrderStatusType> wanted = statuses.isEmpty() ? null : new LinkedHashSet<>(statuses);
      Set<Long> shops = campaignIds.isEmpty() ? null : new LinkedHashSet<>(campaignIds);
      OrderHistory history = OrderHistory.of(market, businessId, from, to.plusDays(1),
          () -> new GetBusinessOrdersRequest().statuses(wanted).campaignIds(shops));
      output.progress(Plural.of(history.windows().size(), "window") + " of at most " + OrderHistory.WINDOW_DAYS
          + " days");
      List<String[]> rows = new ArrayList<>();
      long count = 0;
      PagingStoppedException stopped = null;
      var orders = history.iterator();
      try {
        while (orders.hasNext()) {
          Order order = YandexSellerDayMapper.order(orders.next());
          if (output.json()) {
            output.json(order);
          } else {
            Money paid = order.money().payment();
            rows.add(new String[] {String.valueOf(order.orderId()), text(order.shopId()), text(order.rawStatus()),
                text(order.rawSubstatus()), created(order.createdAt()), Integer.toString(order.lines().size()),
                paid == null ? "" : paid.amount().toPlainString() + " " + paid.currency()});
          }
          count++;
        }
      } catch (PagingStoppedException e) {
        stopped = e;
      }
      if (!output.json()) {
        output.table(COLUMNS, rows);
      }
      output.progress(Plural.of(count, "order"));
      // what was read is shown; the stop is one line, and says what to do with the options this command has
      return stopped == null ? ExitCodes.OK : stopped(stopped, output);
    }

    /** The warning for a listing its guards stopped (a page token seen again, too many pages). */
    private int stopped(PagingStoppedException stopped, Output output) {
      String why = stopped.getMessage().replaceFirst("(?s).*listing stopped \\((.*?) after [0-9]+ pages;.*", "$1");
      output.error("warning: the order list stopped after page " + stopped.pagesFetched() + " (" + why + "); the"
          + " orders so far are printed. Ask again for a shorter period (--from, --to) for the rest");
      return ExitCodes.FAILURE;
    }

    private static final Output.Column[] COLUMNS = {Output.Column.id("ORDER"), Output.Column.id("SHOP"),
        Output.Column.label("STATUS"), Output.Column.label("SUBSTATUS"), Output.Column.id("CREATED"),
        Output.Column.id("LINES"), Output.Column.id("PAYMENT")};
  }

  /** {@code marketplace yandex order-status ORDER... --campaign-id C --status S [--substatus SS]} */
  @Command(name = "order-status", mixinStandardHelpOptions = true,
      description = {"Change orders' status (POST v2/campaigns/{campaignId}/orders/status-update, 30 a request).",
          "One outcome per order: UPDATED, REJECTED (with the marketplace's words), NOT_SENT or UNKNOWN (re-read the"
              + " order; a status change is never sent twice). Exit code: the worst outcome: 0 all updated, 3 some"
              + " rejected, 5 some not sent (send them again later) or unknown.",
          "--json: a JSON line per order: orderId (a string), status, substatus, result, detail."})
  static final class OrderStatus extends YandexCommand.Base {
    @Parameters(paramLabel = "ORDER", arity = "1..*", description = "Order id(s).")
    List<Long> orderIds;
    @Option(names = "--campaign-id", required = true, paramLabel = "C", description = "The shop's campaign id.")
    long campaignId;
    @Option(names = "--status", required = true, paramLabel = "S", completionCandidates = TargetStatuses.class,
        converter = TargetStatuses.class, description = "The new status: ${COMPLETION-CANDIDATES}")
    OrderStatusType status;
    @Option(names = "--substatus", paramLabel = "SS", completionCandidates = Substatuses.class,
        converter = Substatuses.class,
        description = "The substatus (e.g. READY_TO_SHIP, SHOP_FAILED), one of: ${COMPLETION-CANDIDATES}")
    OrderSubstatusType substatus;

    /** JSON line of one order's outcome; its id a string, as in {@code orders} and {@code uin-status}. */
    public record Line(String orderId, String status, String substatus, String result, String detail) {
    }

    @Override
    String change() {
      return "order-status";
    }

    @Override
    Integer run(YandexMarketClient market, Output output) {
      List<Long> ids = List.copyOf(new LinkedHashSet<>(orderIds));
      if (ids.size() < orderIds.size()) {
        throw new ParameterException(spec.commandLine(), "ORDER: each order at most once (it would be changed"
            + " twice)");
      }
      List<OrderStateDTO> changes = ids.stream().map(id -> OrderActions.change(id, status, substatus)).toList();
      List<OrderActions.StatusOutcome> outcomes = OrderActions.of(market).updateStatuses(campaignId, changes);
      int code = ExitCodes.OK;
      for (OrderActions.StatusOutcome outcome : outcomes) {
        String detail = outcome.detail();
        if (outcome.result() == OrderActions.Result.UNKNOWN && embeddedMock()) {
          detail += ". The embedded mock answers with the spec's example, which lists the example's orders, not"
              + " yours: a status change can only be seen at the marketplace (credentials) or a --base-url that"
              + " answers for your orders";
        }
        Line line = new Line(Long.toString(outcome.orderId()), outcome.status(), outcome.substatus(),
            outcome.result().name(), detail);
        if (output.json()) {
          output.json(line);
        } else {
          output.println(outcome.orderId() + "  " + outcome.result() + (detail == null ? "" : "  " + detail));
        }
        code = Math.max(code, switch (outcome.result()) {
          case UPDATED -> ExitCodes.OK;
          case REJECTED -> ExitCodes.REJECTED;
          case NOT_SENT -> ExitCodes.FAILURE; // as the bulk updates: 5 is "some were not done, send again"
          case UNKNOWN -> ExitCodes.FAILURE;
        });
      }
      return code;
    }
  }

  /** {@code marketplace yandex labels ORDER... --campaign-id C --output DIR} */
  @Command(name = "labels", mixinStandardHelpOptions = true,
      description = {"Save each order's box labels as one PDF, DIR/order-ID.pdf"
          + " (GET v2/campaigns/{campaignId}/orders/{orderId}/delivery/labels).",
          "Several orders are fetched 4 at a time within the quota; one line per order, the exit code of the worst.",
          "--json: a JSON line per order: orderId (a string), file, bytes, error."})
  static final class Labels extends YandexCommand.Base {
    @Parameters(paramLabel = "ORDER", arity = "1..*", description = "Order id(s).")
    List<Long> orderIds;
    @Option(names = "--campaign-id", required = true, paramLabel = "C", description = "The shop's campaign id.")
    long campaignId;
    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder for the PDF files.")
    Path output;

    /** JSON line of one order's labels; its id a string, as in {@code orders} and {@code uin-status}. */
    public record Line(String orderId, String file, long bytes, String error) {
    }

    /** The failure in words: an answer that is not a PDF is said as such. */
    private String failed(RuntimeException failure) {
      if (failure instanceof UnreadableResponseException && failure.getMessage().contains("is not a PDF")) {
        String what = failure.getMessage().replaceFirst(".*is not a PDF \\((.*?)\\)\\)?$", "$1");
        return "the answer was not a PDF (" + what + ", not starting with %PDF-); nothing saved";
      }
      // anything else is the file not written (its message names the path), said without the Java class
      return failure instanceof MarketplaceException ? Humane.network(failure.getMessage(), failure, destination())
          : String.valueOf(failure.getMessage());
    }

    @Override
    Integer run(YandexMarketClient market, Output out) {
      if (java.nio.file.Files.exists(output) && !java.nio.file.Files.isDirectory(output)) {
        throw new ParameterException(spec.commandLine(), "--output " + output + " is a file, not a folder");
      }
      List<OrderActions.LabelOutcome> outcomes = OrderActions.of(market).labels(campaignId, orderIds, output, 4);
      int code = ExitCodes.OK;
      for (OrderActions.LabelOutcome outcome : outcomes) {
        RuntimeException failure = outcome.failure();
        if (out.json()) {
          out.json(new Line(Long.toString(outcome.orderId()), outcome.saved() ? outcome.file().toString() : null,
              outcome.bytes(), failure == null ? null : failed(failure)));
        } else if (outcome.saved()) {
          out.println(outcome.orderId() + "  " + outcome.file() + "  " + Plural.of(outcome.bytes(), "byte"));
        } else {
          out.error(outcome.orderId() + "  failed: " + failed(failure)); // a failure is an error: stderr
        }
        code = Math.max(code, failure == null ? ExitCodes.OK : ExitCodes.of(failure));
      }
      return code;
    }
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  /** Seconds always shown: {@code LocalDateTime.toString()} drops zero seconds, so the column's width would vary. */
  private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss",
      Locale.ROOT);

  /** The CREATED column: the order's local time at the marketplace's offset, to the second; empty when unknown. */
  static String created(OffsetDateTime createdAt) {
    return createdAt == null ? "" : CREATED.format(createdAt);
  }
}
