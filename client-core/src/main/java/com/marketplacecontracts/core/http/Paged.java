package com.marketplacecontracts.core.http;

import com.marketplacecontracts.core.operation.ApiOperation;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.core.operation.Operations;
import com.marketplacecontracts.core.paging.Page;
import com.marketplacecontracts.core.paging.Pager;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The one pager of every operation the spec declares paged ({@code x-paging}): the caller says how to make the
 * call for a page token; where the answer carries the next token is read from the operation's declaration, and
 * the listing runs with the guards of {@link Pager} (repeated tokens, runs of empty pages, a page cap, the resume
 * token).
 */
public final class Paged {

  private Paged() {
  }

  /**
   * The answers of a paged operation, page by page, from {@code startToken} (null: the first page).
   *
   * @param call the call for a page token (null for the first page), e.g.
   *     {@code token -> orders.getBusinessOrders(businessId, token, 50, request)}
   * @param items the items of one answer (an empty or absent list is an empty page)
   * @throws IllegalArgumentException when the operation is not declared paged in the spec
   */
  public static <R, T> Pager<T> items(Marketplace marketplace, UnaryOperator<String> redactor, String startToken,
      Function<String, MarketplaceCall<R>> call, Function<R, List<T>> items) {
    ApiOperation declared = declaration(call.apply(startToken));
    if (declared.nextPageToken().isEmpty()) {
      throw new IllegalArgumentException(declared.id() + " is not declared paged in the spec (x-paging)");
    }
    return Pager.of(marketplace, declared.id(), redactor, startToken, token -> {
      R answer = call.apply(token).execute();
      List<T> page = answer == null ? null : items.apply(answer);
      Object next = answer == null ? null : Operations.valueAt(answer, declared.nextPageToken());
      return new Page<>(page == null ? List.of() : page, next == null ? null : next.toString());
    });
  }

  /** Whole answers, one a page. */
  public static <R> Pager<R> answers(Marketplace marketplace, UnaryOperator<String> redactor, String startToken,
      Function<String, MarketplaceCall<R>> call) {
    return items(marketplace, redactor, startToken, call, List::of);
  }

  /** What the spec declares of the operation a call is for. */
  static ApiOperation declaration(MarketplaceCall<?> call) {
    ApiOperation declared = Operations.of(call.request());
    if (declared == null) {
      throw new IllegalArgumentException("not a call of a generated operation: " + call);
    }
    return declared;
  }
}
