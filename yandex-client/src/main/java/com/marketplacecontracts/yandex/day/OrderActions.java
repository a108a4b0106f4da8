package com.marketplacecontracts.yandex.day;

import com.marketplacecontracts.core.error.ClientErrorException;
import com.marketplacecontracts.core.error.BadRequestException;
import com.marketplacecontracts.core.error.ForbiddenException;
import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.error.NotFoundException;
import com.marketplacecontracts.core.error.RateLimitedException;
import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.error.UnauthorizedException;
import com.marketplacecontracts.core.error.UnreadableResponseException;
import com.marketplacecontracts.core.http.Batches;
import com.marketplacecontracts.core.http.Download;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.api.OrderLabelsApi;
import com.marketplacecontracts.yandex.api.OrdersApi;
import com.marketplacecontracts.yandex.model.AcceptOrderCancellationRequest;
import com.marketplacecontracts.yandex.model.EmptyApiResponse;
import com.marketplacecontracts.yandex.model.GetBusinessOrdersRequest;
import com.marketplacecontracts.yandex.model.OrderBoxLayoutDTO;
import com.marketplacecontracts.yandex.model.OrderBoxLayoutItemDTO;
import com.marketplacecontracts.yandex.model.OrderBoxLayoutPartialCountDTO;
import com.marketplacecontracts.yandex.model.OrderCancellationReasonType;
import com.marketplacecontracts.yandex.model.OrderStateDTO;
import com.marketplacecontracts.yandex.model.OrderStatusType;
import com.marketplacecontracts.yandex.model.OrderSubstatusType;
import com.marketplacecontracts.yandex.model.OrderUpdateStatusType;
import com.marketplacecontracts.yandex.model.SetOrderBoxLayoutRequest;
import com.marketplacecontracts.yandex.model.SetOrderBoxLayoutResponse;
import com.marketplacecontracts.yandex.model.UpdateOrderStatusDTO;
import com.marketplacecontracts.yandex.model.UpdateOrderStatusesRequest;
import com.marketplacecontracts.yandex.model.UpdateOrderStatusesResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a seller does to its orders after reading them: status changes with each order's own outcome, the box
 * layout, labels saved as PDF files, and the answer to a buyer's cancellation request. None of these is retried
 * (the spec declares none but the box layout idempotent): an outcome that is not known is reported as such, to be
 * re-read rather than re-sent.
 */
public final class OrderActions {

  /** Statuses the order list refuses as filters (it answers 400 "Statuses [X] are not allowed"). */
  public static final Set<OrderStatusType> NOT_FILTERABLE = Set.of(OrderStatusType.PLACING,
      OrderStatusType.RESERVED, OrderStatusType.PENDING, OrderStatusType.PARTIALLY_RETURNED,
      OrderStatusType.UNKNOWN, OrderStatusType.UNRECOGNIZED);

  private final YandexMarketClient market;

  private OrderActions(YandexMarketClient market) {
    this.market = Objects.requireNonNull(market, "market");
  }

  public static OrderActions of(YandexMarketClient market) {
    return new OrderActions(market);
  }

  /** What became of one order's status change. */
  public enum Result {
    /** The marketplace changed the status. */
    UPDATED,
    /** The marketplace refused it (for this order, or the whole request with a 4xx): nothing changed. */
    REJECTED,
    /** Never sent (the quota or the parallel cap refused it first): send it again later. */
    NOT_SENT,
    /** Sent, but no verdict came back (a transport failure, a 5xx, an unknown answer): re-read the order. */
    UNKNOWN
  }

  /**
   * One order's outcome.
   *
   * @param orderId   the order
   * @param status    the status asked for (raw value)
   * @param substatus the substatus asked for, or null
   * @param result    what became of it
   * @param detail    the marketplace's words for a refusal, or what is not known; null when updated
   * @param failure   the failure of the whole request this order was sent in (a {@link MarketplaceException}, or
   *                  — {@link Result#UNKNOWN} — whatever else ended it), or null. A {@code RuntimeException}, as
   *                  not every failure is the marketplace's; {@link #marketplaceFailure()} gives the typed one
   */
  public record StatusOutcome(long orderId, String status, String substatus, Result result, String detail,
      RuntimeException failure) {

    /** The failure as the library's typed exception (status, error codes, request id), when it is one. */
    public Optional<MarketplaceException> marketplaceFailure() {
      return typed(failure);
    }
  }

  /** What both outcomes' {@code marketplaceFailure()} answer: {@code failure} when it is the library's typed one. */
  private static Optional<MarketplaceException> typed(RuntimeException failure) {
    return failure instanceof MarketplaceException typed ? Optional.of(typed) : Optional.empty();
  }

  /** A status change: the order, its new status and (for some statuses) the substatus. */
  public static OrderStateDTO change(long orderId, OrderStatusType status, OrderSubstatusType substatus) {
    return new OrderStateDTO().id(orderId).status(status).substatus(substatus);
  }

  /**
   * Changes the statuses of any number of a shop's orders, in requests of the size the spec declares (30), each
   * order's outcome in input order — every order's, whatever became of the other requests: a request that ended in
   * a failure other than the marketplace's leaves its orders {@link Result#UNKNOWN} with that failure. Each order
   * may appear once (checked before anything is sent).
   */
  public List<StatusOutcome> updateStatuses(long campaignId, List<OrderStateDTO> changes) {
    Objects.requireNonNull(changes, "changes");
    Set<Long> ids = new HashSet<>();
    List<RequestValidationException.Violation> violations = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      OrderStateDTO change = changes.get(i);
      if (change == null || change.getId() == null || change.getStatusAsString() == null) {
        violations.add(new RequestValidationException.Violation("orders[" + i + "]", String.valueOf(change),
            "must name an order id and a status"));
      } else if (!ids.add(change.getId())) {
        violations.add(new RequestValidationException.Violation("orders[" + i + "].id",
            String.valueOf(change.getId()), "each order at most once (it would be changed twice)"));
      }
    }
    if (!violations.isEmpty()) {
      throw new RequestValidationException(Marketplace.YANDEX_MARKET, "updateOrderStatuses", violations);
    }
    OrdersApi orders = market.api(OrdersApi.class);
    return outcomes(market.batch(changes,
        chunk -> orders.updateOrderStatuses(campaignId, new UpdateOrderStatusesRequest().orders(chunk))));
  }

  /** Each order's outcome from its request's answer or failure, in input order. */
  static List<StatusOutcome> outcomes(Batches.Result<OrderStateDTO, UpdateOrderStatusesResponse> batch) {
    List<StatusOutcome> out = new ArrayList<>();
    for (Batches.Chunk<OrderStateDTO, UpdateOrderStatusesResponse> chunk : batch.chunks()) {
      if (chunk.failed()) {
        RuntimeException failure = chunk.failure();
        Result result = failure instanceof MarketplaceException m ? verdictOf(m) : Result.UNKNOWN;
        String detail = failure instanceof MarketplaceException ? failure.getMessage()
            : "no verdict: the request ended in " + failure.getClass().getSimpleName() + "; re-read the order";
        for (OrderStateDTO change : chunk.items()) {
          out.add(new StatusOutcome(change.getId(), change.getStatusAsString(), change.getSubstatusAsString(),
              result, detail, failure));
        }
        continue;
      }
      Map<Long, UpdateOrderStatusDTO> answered = new HashMap<>();
      UpdateOrderStatusesResponse answer = chunk.answer();
      if (answer != null && answer.getResult() != null && answer.getResult().getOrders() != null) {
        for (UpdateOrderStatusDTO order : answer.getResult().getOrders()) {
          if (order != null && order.getId() != null) {
            answered.putIfAbsent(order.getId(), order);
          }
        }
      }
      for (OrderStateDTO change : chunk.items()) {
        out.add(outcome(change, answered.get(change.getId())));
      }
    }
    return List.copyOf(out);
  }

  private static StatusOutcome outcome(OrderStateDTO change, UpdateOrderStatusDTO answer) {
    long id = change.getId();
    String status = change.getStatusAsString();
    String substatus = change.getSubstatusAsString();
    if (answer == null) {
      return new StatusOutcome(id, status, substatus, Result.UNKNOWN, "the answer does not list this order", null);
    }
    OrderUpdateStatusType verdict = answer.getUpdateStatus();
    if (verdict == OrderUpdateStatusType.OK) {
      return new StatusOutcome(id, status, substatus, Result.UPDATED, null, null);
    }
    if (verdict == OrderUpdateStatusType.ERROR) {
      String details = answer.getErrorDetails();
      return new StatusOutcome(id, status, substatus, Result.REJECTED, details == null ? "refused" : details, null);
    }
    return new StatusOutcome(id, status, substatus, Result.UNKNOWN, "updateStatus "
        + answer.getUpdateStatusAsString(), null);
  }

  /** A whole request's failure as each of its orders' outcome. */
  static Result verdictOf(MarketplaceException failure) {
    if (failure instanceof RateLimitedException || failure instanceof RequestValidationException) {
      return Result.NOT_SENT;
    }
    if (failure instanceof BadRequestException || failure instanceof ClientErrorException
        || failure instanceof NotFoundException || failure instanceof ForbiddenException
        || failure instanceof UnauthorizedException) {
      return Result.REJECTED;
    }
    return Result.UNKNOWN;
  }

  /** One item's place in a box: whole units, or one part of an item packed across several boxes. */
  public record BoxItem(long itemId, Integer count, Integer part, Integer parts) {

    /** {@code count} whole units of an order line. */
    public static BoxItem units(long itemId, int count) {
      if (count < 1) {
        throw new IllegalArgumentException("count of item " + itemId + " must be at least 1, was " + count);
      }
      return new BoxItem(itemId, count, null, null);
    }

    /** Part {@code part} of {@code parts} of one unit too large for one box. */
    public static BoxItem part(long itemId, int part, int parts) {
      if (parts < 2 || part < 1 || part > parts) {
        throw new IllegalArgumentException("part of item " + itemId + " must be 1.." + parts + " of at least 2, was "
            + part + " of " + parts);
      }
      return new BoxItem(itemId, null, part, parts);
    }

    OrderBoxLayoutItemDTO dto() {
      OrderBoxLayoutItemDTO item = new OrderBoxLayoutItemDTO().id(itemId);
      return count != null ? item.fullCount(count)
          : item.partialCount(new OrderBoxLayoutPartialCountDTO().current(part).total(parts));
    }
  }

  /**
   * Lays out an order in boxes ({@code setOrderBoxLayout}): each box is a list of items; it replaces the layout
   * sent before, so it may be sent again until the order is ready to ship.
   */
  public SetOrderBoxLayoutResponse boxLayout(long campaignId, long orderId, List<List<BoxItem>> boxes) {
    if (boxes == null || boxes.isEmpty() || boxes.stream().anyMatch(box -> box == null || box.isEmpty())) {
      throw new RequestValidationException(Marketplace.YANDEX_MARKET, "setOrderBoxLayout", List.of(
          new RequestValidationException.Violation("boxes", String.valueOf(boxes), "at least one box, none empty")));
    }
    List<OrderBoxLayoutDTO> layout = boxes.stream().map(box -> new OrderBoxLayoutDTO()
        .items(box.stream().map(BoxItem::dto).toList())).toList();
    return market.api(OrdersApi.class).setOrderBoxLayout(campaignId, orderId,
        new SetOrderBoxLayoutRequest().boxes(layout)).execute();
  }

  /**
   * Where an order's labels were saved, or why not: the marketplace's failure (a {@link MarketplaceException}: an
   * error status, no answer, an answer that is not a PDF), or another (the file could not be written: an
   * {@link UncheckedIOException}), hence {@code failure} is a {@code RuntimeException}; {@link #marketplaceFailure()}
   * gives the typed one.
   */
  public record LabelOutcome(long orderId, Path file, long bytes, RuntimeException failure) {
    public boolean saved() {
      return failure == null;
    }

    /** The failure as the library's typed exception (status, error codes, request id), when it is one. */
    public Optional<MarketplaceException> marketplaceFailure() {
      return typed(failure);
    }
  }

  /**
   * Saves the labels of an order's boxes, one PDF ({@code generateOrderLabels}), as {@code DIR/order-ID.pdf}:
   * streamed to a temporary file within the client's response bound, checked to be a PDF, then moved in place.
   */
  public Path labels(long campaignId, long orderId, Path dir) {
    Download download = market.api(OrderLabelsApi.class).generateOrderLabels(campaignId, orderId, null).execute();
    return save(download, "generateOrderLabels", dir.resolve("order-" + orderId + ".pdf"));
  }

  /** The label of one box ({@code generateOrderLabel}) as {@code DIR/order-ID-box-BOX.pdf}. */
  public Path boxLabel(long campaignId, long orderId, long shipmentId, long boxId, Path dir) {
    Download download = market.api(OrderLabelsApi.class).generateOrderLabel(campaignId, orderId, shipmentId, boxId,
        null).execute();
    return save(download, "generateOrderLabel", dir.resolve("order-" + orderId + "-box-" + boxId + ".pdf"));
  }

  /**
   * The labels of several orders, {@code parallel} at a time, each order's outcome in input order — every order's,
   * whatever became of the others.
   */
  public List<LabelOutcome> labels(long campaignId, List<Long> orderIds, Path dir, int parallel) {
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be >= 1, was " + parallel);
    }
    List<Long> ids = List.copyOf(new java.util.LinkedHashSet<>(orderIds));
    List<Batches.Outcome<Path>> outcomes = Batches.each(ids, id -> labels(campaignId, id, dir), parallel,
        (id, outcome) -> { });
    List<LabelOutcome> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      Batches.Outcome<Path> outcome = outcomes.get(i);
      out.add(outcome.failure() == null ? new LabelOutcome(ids.get(i), outcome.answer(), size(outcome.answer()), null)
          : new LabelOutcome(ids.get(i), null, 0, outcome.failure()));
    }
    return List.copyOf(out);
  }

  private static Path save(Download download, String operationId, Path target) {
    try {
      if (!download.isPdf()) {
        download.delete();
        throw new UnreadableResponseException(new MarketplaceException.Details(Marketplace.YANDEX_MARKET,
            operationId, 200, List.of(), null, null, "the answer is not a PDF (" + download.contentType()
            .orElse("no content type") + ", " + download.size() + " bytes)"), null);
      }
      Files.createDirectories(target.getParent() == null ? Path.of(".") : target.getParent());
      return download.saveTo(target);
    } catch (IOException e) {
      download.delete();
      throw new UncheckedIOException("label could not be saved to " + target, e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * The orders created in {@code [from, to)} ({@code to} excluded, see {@link OrderHistory}) whose buyer asked to cancel and that wait for the seller's answer
   * ({@code waitingForCancellationApprove}).
   */
  public OrderHistory cancellationRequests(long businessId, LocalDate from, LocalDate to) {
    return OrderHistory.of(market, businessId, from, to,
        () -> new GetBusinessOrdersRequest().waitingForCancellationApprove(true));
  }

  /** Agrees to the buyer's cancellation: the order is cancelled. */
  public EmptyApiResponse acceptCancellation(long campaignId, long orderId) {
    return market.api(OrdersApi.class).acceptOrderCancellation(campaignId, orderId,
        new AcceptOrderCancellationRequest().accepted(true)).execute();
  }

  /**
   * Refuses the buyer's cancellation, with the reason the marketplace requires (the order is already delivered or
   * on its way).
   */
  public EmptyApiResponse declineCancellation(long campaignId, long orderId, OrderCancellationReasonType reason) {
    if (reason == null || reason == OrderCancellationReasonType.UNRECOGNIZED) {
      throw new RequestValidationException(Marketplace.YANDEX_MARKET, "acceptOrderCancellation", List.of(
          new RequestValidationException.Violation("reason", String.valueOf(reason),
              "a refusal needs a reason: ORDER_DELIVERED or ORDER_IN_DELIVERY")));
    }
    return market.api(OrdersApi.class).acceptOrderCancellation(campaignId, orderId,
        new AcceptOrderCancellationRequest().accepted(false).reason(reason)).execute();
  }
}
