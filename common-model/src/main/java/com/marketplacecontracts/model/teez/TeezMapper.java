package com.marketplacecontracts.model.teez;

import com.marketplacecontracts.model.AsyncJob;
import com.marketplacecontracts.model.Issue;
import com.marketplacecontracts.model.JobState;
import com.marketplacecontracts.model.Listing;
import com.marketplacecontracts.model.ListingVariant;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.model.MarketplaceError;
import com.marketplacecontracts.model.ModerationState;
import com.marketplacecontracts.teez.TeezErrorParser;
import com.marketplacecontracts.teez.TeezStatuses;
import com.marketplacecontracts.teez.model.ExtendedProblemDetails;
import com.marketplacecontracts.teez.model.GetExternalImportStatusApiResponse;
import com.marketplacecontracts.teez.model.ImportError;
import com.marketplacecontracts.teez.model.ImportProductDto2;
import com.marketplacecontracts.teez.model.SkuImportStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Maps Teez's generated DTOs to the domain types. Null-safe for every nullable field; a status string it does not
 * know maps to {@code UNKNOWN} and stays available as the raw value.
 */
public final class TeezMapper {

  /** The DTO fields (as {@code Class.jsonName}) this mapper reads; a test checks every field is here or excused. */
  public static final Set<String> MAPPED = Set.of(
      "GetExternalImportStatusApiResponse.products",
      "ImportProductDto2.index", "ImportProductDto2.productId", "ImportProductDto2.status",
      "ImportProductDto2.errors", "ImportProductDto2.skus",
      "SkuImportStatus.index", "SkuImportStatus.skuId", "SkuImportStatus.status", "SkuImportStatus.errors",
      "ImportError.code", "ImportError.description", "ImportError.field",
      "ExtendedProblemDetails.status", "ExtendedProblemDetails.title", "ExtendedProblemDetails.detail",
      "ExtendedProblemDetails.errorCode", "ExtendedProblemDetails.errorMessage", "ExtendedProblemDetails.errors",
      "ErrorDetail.code", "ErrorDetail.description");

  /** The job type given to Teez product imports. */
  public static final String PRODUCT_IMPORT = "PRODUCT_IMPORT";

  private static final Set<String> ACCEPTED = Set.of("created", "updated", "success", "succeeded", "done",
      "completed", "accepted", "active", "imported", "ok");
  private static final Set<String> NEEDS_ACTION = Set.of("failed", "error", "invalid", "validationerror",
      "needsaction", "needfix");
  private static final Set<String> REJECTED = Set.of("rejected", "declined", "blocked", "banned");

  private TeezMapper() {
  }

  /**
   * A product import job: {@code IN_PROGRESS} while it reports no product or any product/SKU is pending,
   * {@code DONE} when all are accepted, {@code FAILED} when any needs action or was rejected, {@code UNKNOWN}
   * otherwise. The raw state summarises the product statuses, e.g. {@code Created×2, Failed×1}.
   */
  public static AsyncJob importJob(long jobId, GetExternalImportStatusApiResponse response) {
    List<Listing> results = new ArrayList<>();
    if (response != null && response.getProducts() != null) {
      for (ImportProductDto2 product : response.getProducts()) {
        if (product != null) {
          results.add(listing(product));
        }
      }
    }
    return new AsyncJob(Marketplace.TEEZ, Long.toString(jobId), PRODUCT_IMPORT, jobState(results),
        summary(results), results);
  }

  /** One imported product, its SKUs as variants. */
  public static Listing listing(ImportProductDto2 product) {
    List<ListingVariant> variants = new ArrayList<>();
    if (product.getSkus() != null) {
      for (SkuImportStatus sku : product.getSkus()) {
        if (sku != null) {
          variants.add(new ListingVariant(sku.getIndex(), sku.getSkuId(), state(sku.getStatus()), sku.getStatus(),
              issues(sku.getErrors())));
        }
      }
    }
    return new Listing(Marketplace.TEEZ, null, product.getProductId(), product.getIndex(), null, null, null,
        Set.of(), null, state(product.getStatus()), product.getStatus(), issues(product.getErrors()), variants, null,
        null, null);
  }

  /** Problem details: the request-level code first, then each field's errors (read as the client reads them). */
  public static MarketplaceError error(ExtendedProblemDetails problem, int httpStatus) {
    int status = problem.getStatus() != null ? problem.getStatus() : httpStatus;
    return new MarketplaceError(Marketplace.TEEZ, status, TeezErrorParser.errors(problem).stream()
        .map(Issue::of).toList());
  }

  /** The normalised state of a product or SKU status string. */
  public static ModerationState state(String raw) {
    if (raw == null) {
      return ModerationState.UNKNOWN;
    }
    if (TeezStatuses.isPending(raw)) {
      return ModerationState.PENDING;
    }
    String key = TeezStatuses.key(raw);
    if (ACCEPTED.contains(key)) {
      return ModerationState.ACCEPTED;
    }
    if (NEEDS_ACTION.contains(key)) {
      return ModerationState.NEEDS_ACTION;
    }
    if (REJECTED.contains(key)) {
      return ModerationState.REJECTED;
    }
    return ModerationState.UNKNOWN;
  }

  private static List<Issue> issues(List<ImportError> errors) {
    List<Issue> out = new ArrayList<>();
    if (errors != null) {
      for (ImportError error : errors) {
        if (error != null) {
          out.add(new Issue(error.getCode(), error.getDescription(), error.getField()));
        }
      }
    }
    return out;
  }

  private static JobState jobState(List<Listing> results) {
    if (results.isEmpty()) {
      return JobState.IN_PROGRESS;
    }
    List<ModerationState> states = new ArrayList<>();
    for (Listing listing : results) {
      states.add(listing.state());
      listing.variants().forEach(variant -> states.add(variant.state()));
    }
    if (states.contains(ModerationState.PENDING)) {
      return JobState.IN_PROGRESS;
    }
    if (states.contains(ModerationState.NEEDS_ACTION) || states.contains(ModerationState.REJECTED)) {
      return JobState.FAILED;
    }
    if (states.stream().allMatch(ModerationState.ACCEPTED::equals)) {
      return JobState.DONE;
    }
    return JobState.UNKNOWN;
  }

  private static String summary(List<Listing> results) {
    Map<String, Integer> counts = new TreeMap<>();
    results.forEach(listing -> counts.merge(String.valueOf(listing.rawState()), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    counts.forEach((status, count) -> parts.add(status + "×" + count));
    return String.join(", ", parts);
  }
}
