package com.marketplacecontracts.yandex.day;

import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.api.OrdersApi;
import com.marketplacecontracts.yandex.model.BusinessOrderDTO;
import com.marketplacecontracts.yandex.model.GetBusinessOrdersRequest;
import com.marketplacecontracts.yandex.model.OrderDatesFilterDTO;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A business's orders created in any period {@code [from, to)}, over {@code getBusinessOrders}. The end date is
 * exclusive: the orders of one day {@code D} are {@code of(market, businessId, D, D.plusDays(1))}; an empty period
 * ({@code from} equal to {@code to}) is refused, as it could only list nothing. The marketplace takes the marketplace takes
 * at most {@value #WINDOW_DAYS} days of creation dates a request series, so the period is split into such windows
 * ({@code creationDateTo} exclusive), each listed lazily with the client's generic pager, in date order. An order
 * listed by two windows (a boundary the marketplace counts in both) is returned once. Nothing is fetched until the
 * orders are iterated; each iteration fetches anew.
 *
 * <p>Memory: one page, plus the ids already returned (8 bytes and a set entry an order), which de-duplication needs.
 */
public final class OrderHistory implements Iterable<BusinessOrderDTO> {

  /** The longest creation-date span of one request series. */
  public static final int WINDOW_DAYS = 30;
  /** The page size: the most {@code limit} accepts. */
  static final int PAGE_SIZE = 50;

  /** One request series' creation-date bounds, {@code to} exclusive. */
  public record Window(LocalDate from, LocalDate to) {
  }

  private final YandexMarketClient market;
  private final long businessId;
  private final List<Window> windows;
  private final Supplier<GetBusinessOrdersRequest> filter;

  private OrderHistory(YandexMarketClient market, long businessId, List<Window> windows,
      Supplier<GetBusinessOrdersRequest> filter) {
    this.market = market;
    this.businessId = businessId;
    this.windows = windows;
    this.filter = filter;
  }

  /**
   * Every order of the business created in {@code [from, to)}: from {@code from} (included) to {@code to}
   * (excluded).
   *
   * @throws RequestValidationException naming {@code to} and the rule, before anything is sent, when {@code to}
   *     equals {@code from} (an empty period: for one day, pass {@code to = from.plusDays(1)}) or is before it
   */
  public static OrderHistory of(YandexMarketClient market, long businessId, LocalDate from, LocalDate to) {
    return of(market, businessId, from, to, GetBusinessOrdersRequest::new);
  }

  /**
   * The orders created in {@code [from, to)} ({@code to} excluded) that also match {@code filter} (statuses,
   * campaigns, ...): it must return a new request each call, as each window sets its own creation dates on it
   * (other dates are kept).
   *
   * @throws RequestValidationException naming {@code to} and the rule, before anything is sent, when {@code to}
   *     equals {@code from} (an empty period) or is before it
   */
  public static OrderHistory of(YandexMarketClient market, long businessId, LocalDate from, LocalDate to,
      Supplier<GetBusinessOrdersRequest> filter) {
    Objects.requireNonNull(market, "market");
    Objects.requireNonNull(filter, "filter");
    if (from != null && from.equals(to)) {
      // [from, from) holds no day: a caller who meant "the orders of that day" would silently get none
      throw periodRefused(from, to, "must be after from (" + from + "): the end date is exclusive, so for the"
          + " orders of " + from + " alone pass to = " + from.plusDays(1));
    }
    return new OrderHistory(market, businessId, windows(from, to), filter);
  }

  /**
   * {@code [from, to)} as consecutive windows of at most {@value #WINDOW_DAYS} days; none when it is empty.
   *
   * @throws RequestValidationException naming {@code to} and the rule when {@code to} is before {@code from}
   */
  public static List<Window> windows(LocalDate from, LocalDate to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw periodRefused(from, to, "must not be before from (" + from + "): the period ends before it starts");
    }
    List<Window> out = new ArrayList<>();
    for (LocalDate start = from; start.isBefore(to); start = start.plusDays(WINDOW_DAYS)) {
      LocalDate end = start.plusDays(WINDOW_DAYS);
      out.add(new Window(start, end.isAfter(to) ? to : end));
    }
    return List.copyOf(out);
  }

  /** A period the history cannot list, refused as a request is: {@code to} named with {@code rule}, nothing sent. */
  private static RequestValidationException periodRefused(LocalDate from, LocalDate to, String rule) {
    return new RequestValidationException(Marketplace.YANDEX_MARKET, "getBusinessOrders", List.of(
        new RequestValidationException.Violation("to", to.toString(), rule)));
  }

  /** The windows this history lists, in order. */
  public List<Window> windows() {
    return windows;
  }

  @Override
  public Iterator<BusinessOrderDTO> iterator() {
    return new Walk();
  }

  /** The orders as a sequential, lazy stream. */
  public Stream<BusinessOrderDTO> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
        Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT), false);
  }

  private Iterator<BusinessOrderDTO> window(Window window) {
    OrdersApi orders = market.api(OrdersApi.class);
    return market.pages(null, token -> {
      GetBusinessOrdersRequest request = filter.get();
      OrderDatesFilterDTO dates = request.getDates() == null ? new OrderDatesFilterDTO() : request.getDates();
      request.dates(dates.creationDateFrom(window.from()).creationDateTo(window.to()));
      return orders.getBusinessOrders(businessId, request, token, PAGE_SIZE);
    }, answer -> answer.getOrders()).iterator();
  }

  /** Windows opened one after another as the previous one runs out. */
  private final class Walk implements Iterator<BusinessOrderDTO> {
    private final Set<Long> seen = new HashSet<>();
    private int next;
    private Iterator<BusinessOrderDTO> current;
    private BusinessOrderDTO ahead;

    @Override
    public boolean hasNext() {
      while (ahead == null) {
        if (current == null || !current.hasNext()) {
          if (next == windows.size()) {
            return false;
          }
          current = window(windows.get(next++));
          continue;
        }
        BusinessOrderDTO order = current.next();
        // An order without an id cannot be matched to another; it is returned as it came.
        if (order != null && (order.getOrderId() == null || seen.add(order.getOrderId()))) {
          ahead = order;
        }
      }
      return true;
    }

    @Override
    public BusinessOrderDTO next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      BusinessOrderDTO out = ahead;
      ahead = null;
      return out;
    }
  }
}
