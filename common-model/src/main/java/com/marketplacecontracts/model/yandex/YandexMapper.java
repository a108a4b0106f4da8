package com.marketplacecontracts.model.yandex;

import com.marketplacecontracts.model.AsyncJob;
import com.marketplacecontracts.model.CheckState;
import com.marketplacecontracts.model.IdentifierCheck;
import com.marketplacecontracts.model.Issue;
import com.marketplacecontracts.model.JobState;
import com.marketplacecontracts.model.Listing;
import com.marketplacecontracts.model.MarketCard;
import com.marketplacecontracts.model.Marketplace;
import com.marketplacecontracts.model.MarketplaceError;
import com.marketplacecontracts.model.ModerationState;
import com.marketplacecontracts.yandex.YandexErrorParser;
import com.marketplacecontracts.yandex.model.ApiErrorResponse;
import com.marketplacecontracts.yandex.model.GetOfferMappingEntriesResponse;
import com.marketplacecontracts.yandex.model.GetOperationsResponse;
import com.marketplacecontracts.yandex.model.GetOrderIdentifiersStatusResponse;
import com.marketplacecontracts.yandex.model.MappingsOfferDTO;
import com.marketplacecontracts.yandex.model.OfferMappingDTO;
import com.marketplacecontracts.yandex.model.OfferMappingEntryDTO;
import com.marketplacecontracts.yandex.model.OfferProcessingNoteDTO;
import com.marketplacecontracts.yandex.model.OfferProcessingStateDTO;
import com.marketplacecontracts.yandex.model.OperationResultDTO;
import com.marketplacecontracts.yandex.model.OrderItemValidationStatusDTO;
import com.marketplacecontracts.yandex.model.UinDTO;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Maps Yandex Market's generated DTOs to the domain types. Null-safe for every nullable field; an enum value the
 * client does not know ({@code UNRECOGNIZED}) maps to {@code UNKNOWN} with the raw value kept.
 */
public final class YandexMapper {

  /** The DTO fields (as {@code Class.jsonName}) this mapper reads; a test checks every field is here or excused. */
  public static final Set<String> MAPPED = Set.of(
      "GetOfferMappingEntriesResponse.result", "OfferMappingEntriesDTO.offerMappingEntries",
      "OfferMappingEntryDTO.offer", "OfferMappingEntryDTO.mapping", "OfferMappingEntryDTO.awaitingModerationMapping",
      "OfferMappingEntryDTO.rejectedMapping",
      "MappingsOfferDTO.shopSku", "MappingsOfferDTO.id", "MappingsOfferDTO.name", "MappingsOfferDTO.vendor",
      "MappingsOfferDTO.vendorCode", "MappingsOfferDTO.barcodes", "MappingsOfferDTO.price",
      "MappingsOfferDTO.processingState",
      "OfferProcessingStateDTO.status", "OfferProcessingStateDTO.notes",
      "OfferProcessingNoteDTO.type", "OfferProcessingNoteDTO.payload",
      "OfferMappingDTO.marketSku", "OfferMappingDTO.modelId", "OfferMappingDTO.categoryId",
      "GetOperationsResponse.result", "GetOperationsResultDTO.operations",
      "OperationResultDTO.id", "OperationResultDTO.type", "OperationResultDTO.status",
      "GetOrderIdentifiersStatusResponse.result", "GetOrderIdentifiersStatusDTO.items",
      "OrderItemValidationStatusDTO.id", "OrderItemValidationStatusDTO.uin", "UinDTO.value", "UinDTO.status",
      "ApiErrorResponse.errors", "ApiErrorDTO.code", "ApiErrorDTO.message");

  private YandexMapper() {
  }

  /** Every offer of one catalog page. */
  public static List<Listing> listings(GetOfferMappingEntriesResponse response) {
    List<Listing> out = new ArrayList<>();
    if (response != null && response.getResult() != null && response.getResult().getOfferMappingEntries() != null) {
      for (OfferMappingEntryDTO entry : response.getResult().getOfferMappingEntries()) {
        if (entry != null) {
          out.add(listing(entry));
        }
      }
    }
    return out;
  }

  /** One offer with its processing state, notes and Market cards. */
  @SuppressWarnings("deprecation")
  public static Listing listing(OfferMappingEntryDTO entry) {
    MappingsOfferDTO offer = entry.getOffer() == null ? new MappingsOfferDTO() : entry.getOffer();
    OfferProcessingStateDTO processing = offer.getProcessingState();
    String rawState = processing == null ? null : processing.getStatusAsString();
    List<Issue> issues = new ArrayList<>();
    if (processing != null && processing.getNotes() != null) {
      for (OfferProcessingNoteDTO note : processing.getNotes()) {
        if (note != null) {
          issues.add(new Issue(note.getTypeAsString(), note.getPayload(), null));
        }
      }
    }
    String sku = offer.getShopSku() != null ? offer.getShopSku() : offer.getId();
    return new Listing(Marketplace.YANDEX_MARKET, sku, null, null, offer.getName(), offer.getVendor(),
        offer.getVendorCode(), offer.getBarcodes() == null ? Set.of() : withoutNulls(offer.getBarcodes()),
        offer.getPrice(), moderationState(rawState), rawState, issues, List.of(), card(entry.getMapping()),
        card(entry.getAwaitingModerationMapping()), card(entry.getRejectedMapping()));
  }

  /** Each operation of an answer, as a job. */
  public static List<AsyncJob> operations(GetOperationsResponse response) {
    List<AsyncJob> out = new ArrayList<>();
    if (response != null && response.getResult() != null && response.getResult().getOperations() != null) {
      for (OperationResultDTO operation : response.getResult().getOperations()) {
        if (operation != null) {
          out.add(operation(operation));
        }
      }
    }
    return out;
  }

  /** One asynchronous operation. */
  public static AsyncJob operation(OperationResultDTO operation) {
    String raw = operation.getStatusAsString();
    return new AsyncJob(Marketplace.YANDEX_MARKET, operation.getId(), operation.getTypeAsString(), jobState(raw),
        raw, List.of());
  }

  /** Every UIN check of an order, item by item. */
  public static List<IdentifierCheck> identifierChecks(long orderId, GetOrderIdentifiersStatusResponse response) {
    List<IdentifierCheck> out = new ArrayList<>();
    if (response == null || response.getResult() == null || response.getResult().getItems() == null) {
      return out;
    }
    for (OrderItemValidationStatusDTO item : response.getResult().getItems()) {
      if (item == null || item.getUin() == null) {
        continue;
      }
      for (UinDTO uin : item.getUin()) {
        if (uin != null) {
          String raw = uin.getStatusAsString();
          out.add(new IdentifierCheck(Marketplace.YANDEX_MARKET, orderId, item.getId() == null ? 0 : item.getId(),
              uin.getValue(), checkState(raw), raw));
        }
      }
    }
    return out;
  }

  /** An error answer (read as the client reads it). */
  public static MarketplaceError error(ApiErrorResponse response, int httpStatus) {
    List<Issue> issues = response == null ? List.of() : YandexErrorParser.errors(response).stream()
        .map(Issue::of).toList();
    return new MarketplaceError(Marketplace.YANDEX_MARKET, httpStatus, issues);
  }

  /** Offer processing status → moderation state. */
  public static ModerationState moderationState(String raw) {
    if (raw == null) {
      return ModerationState.UNKNOWN;
    }
    return switch (raw) {
      case "READY" -> ModerationState.ACCEPTED;
      case "IN_WORK", "CONTENT_PROCESSING", "REVIEW" -> ModerationState.PENDING;
      case "NEED_INFO", "NEED_CONTENT", "NEED_MAPPING", "CREATE_ERROR", "UPDATE_ERROR" -> ModerationState.NEEDS_ACTION;
      case "REJECTED", "SUSPENDED" -> ModerationState.REJECTED;
      default -> ModerationState.UNKNOWN; // includes the documented UNKNOWN and values added later
    };
  }

  /** Operation status → job state. */
  public static JobState jobState(String raw) {
    if (raw == null) {
      return JobState.UNKNOWN;
    }
    return switch (raw) {
      case "IN_PROGRESS" -> JobState.IN_PROGRESS;
      case "DONE" -> JobState.DONE;
      case "FAILED" -> JobState.FAILED;
      default -> JobState.UNKNOWN;
    };
  }

  /** UIN status → check state. */
  public static CheckState checkState(String raw) {
    if (raw == null) {
      return CheckState.UNKNOWN;
    }
    return switch (raw) {
      case "OK" -> CheckState.PASSED;
      case "IN_PROGRESS" -> CheckState.IN_PROGRESS;
      case "FAILED" -> CheckState.FAILED;
      case "NOT_ON_VALIDATION" -> CheckState.NOT_SUBMITTED;
      default -> CheckState.UNKNOWN;
    };
  }

  private static MarketCard card(OfferMappingDTO mapping) {
    return mapping == null ? null : new MarketCard(mapping.getMarketSku(), mapping.getModelId(),
        mapping.getCategoryId());
  }

  private static Set<String> withoutNulls(Set<String> values) {
    Set<String> out = new java.util.LinkedHashSet<>(values);
    out.remove(null);
    return out;
  }
}
