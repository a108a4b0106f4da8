package com.marketplacecontracts.model.yandex;

import com.marketplacecontracts.model.AsyncJob;
import com.marketplacecontracts.model.CheckState;
import com.marketplacecontracts.model.IdentifierCheck;
import com.marketplacecontracts.model.Issue;
import com.marketplacecontracts.model.JobState;
import com.marketplacecontracts.model.Listing;
import com.marketplacecontracts.model.MarketCard;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.model.MarketplaceError;
import com.marketplacecontracts.model.ModerationState;
import com.marketplacecontracts.yandex.YandexErrorParser;
import com.marketplacecontracts.yandex.model.ApiErrorResponse;
import com.marketplacecontracts.yandex.model.CisDTO;
import com.marketplacecontracts.yandex.model.GetMappingDTO;
import com.marketplacecontracts.yandex.model.GetOfferDTO;
import com.marketplacecontracts.yandex.model.GetOfferMappingDTO;
import com.marketplacecontracts.yandex.model.GetOfferMappingEntriesResponse;
import com.marketplacecontracts.yandex.model.GetOfferMappingsResponse;
import com.marketplacecontracts.yandex.model.OfferCampaignStatusDTO;
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
import java.util.LinkedHashSet;
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
      "UinDTO.substatus", "OrderItemValidationStatusDTO.cis", "CisDTO.value", "CisDTO.status", "CisDTO.substatus",
      "CisDTO.crptRequestId", "CisDTO.crptRequestDateTime",
      "GetOfferMappingsResponse.result", "GetOfferMappingsResultDTO.offerMappings",
      "GetOfferMappingDTO.offer", "GetOfferMappingDTO.mapping",
      "GetOfferDTO.offerId", "GetOfferDTO.name", "GetOfferDTO.vendor", "GetOfferDTO.vendorCode",
      "GetOfferDTO.barcodes", "GetOfferDTO.basicPrice", "GetOfferDTO.cardStatus", "GetOfferDTO.campaigns",
      "GetPriceWithDiscountDTO.value", "GetPriceWithDiscountDTO.currencyId", "OfferCampaignStatusDTO.campaignId", "OfferCampaignStatusDTO.status",
      "GetMappingDTO.marketSku", "GetMappingDTO.marketCategoryId",
      "ApiErrorResponse.errors", "ApiErrorDTO.code", "ApiErrorDTO.message");

  private YandexMapper() {
  }

  /** Every offer of one page of the legacy campaign catalog ({@code getOfferMappingEntries}). */
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

  /** One offer of the legacy campaign catalog with its processing state, notes and Market cards. */
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

  /** Every offer of one page of the business catalog ({@code getOfferMappings}). */
  public static List<Listing> listings(GetOfferMappingsResponse response) {
    List<Listing> out = new ArrayList<>();
    if (response != null && response.getResult() != null && response.getResult().getOfferMappings() != null) {
      for (GetOfferMappingDTO offer : response.getResult().getOfferMappings()) {
        if (offer != null) {
          out.add(listing(offer));
        }
      }
    }
    return out;
  }

  /**
   * One offer of the business catalog. The state is the worse of the card's status and the offer's status in each
   * shop; the raw state is the card status; each shop where the offer is not published is an issue whose code is
   * that shop's raw status and whose field names the campaign.
   */
  public static Listing listing(GetOfferMappingDTO entry) {
    GetOfferDTO offer = entry.getOffer() == null ? new GetOfferDTO() : entry.getOffer();
    String rawCard = offer.getCardStatusAsString();
    ModerationState state = cardState(rawCard);
    List<Issue> issues = new ArrayList<>();
    if (offer.getCampaigns() != null) {
      for (OfferCampaignStatusDTO campaign : offer.getCampaigns()) {
        if (campaign == null) {
          continue;
        }
        String raw = campaign.getStatusAsString();
        ModerationState shopState = campaignState(raw);
        state = worse(state, shopState);
        if (shopState != ModerationState.ACCEPTED) {
          issues.add(new Issue(raw, null, "campaigns[" + campaign.getCampaignId() + "]"));
        }
      }
    }
    GetMappingDTO mapping = entry.getMapping();
    MarketCard card = mapping == null || (mapping.getMarketSku() == null && mapping.getMarketCategoryId() == null)
        ? null : new MarketCard(mapping.getMarketSku(), null, mapping.getMarketCategoryId());
    return new Listing(Marketplace.YANDEX_MARKET, offer.getOfferId(), null, null, offer.getName(), offer.getVendor(),
        offer.getVendorCode(), offer.getBarcodes() == null ? Set.of() : withoutNulls(offer.getBarcodes()),
        offer.getBasicPrice() == null ? null : offer.getBasicPrice().getValue(), state, rawCard, issues, List.of(),
        card, null, null, offer.getBasicPrice() == null ? null : iso(offer.getBasicPrice().getCurrencyIdAsString()));
  }

  /** Yandex names the rouble {@code RUR} (its pre-1998 code); the neutral records use ISO 4217's {@code RUB}. */
  private static String iso(String yandexCurrency) {
    return "RUR".equals(yandexCurrency) ? "RUB" : yandexCurrency;
  }

  /** Card status of the business catalog → moderation state. */
  public static ModerationState cardState(String raw) {
    if (raw == null) {
      return ModerationState.UNKNOWN;
    }
    return switch (raw) {
      case "HAS_CARD_CAN_NOT_UPDATE", "HAS_CARD_CAN_UPDATE" -> ModerationState.ACCEPTED;
      case "HAS_CARD_CAN_UPDATE_PROCESSING", "NO_CARD_PROCESSING", "NO_CARD_MARKET_WILL_CREATE" ->
          ModerationState.PENDING;
      case "HAS_CARD_CAN_UPDATE_ERRORS", "NO_CARD_ERRORS", "NO_CARD_NEED_CONTENT", "NO_CARD_ADD_TO_CAMPAIGN" ->
          ModerationState.NEEDS_ACTION;
      default -> ModerationState.UNKNOWN;
    };
  }

  /**
   * An offer's status in one shop → moderation state. Hidden by the seller or archived is the seller's choice, not
   * the marketplace's verdict: it counts as accepted.
   */
  public static ModerationState campaignState(String raw) {
    if (raw == null) {
      return ModerationState.UNKNOWN;
    }
    return switch (raw) {
      case "PUBLISHED", "DISABLED_BY_PARTNER", "ARCHIVED" -> ModerationState.ACCEPTED;
      case "CHECKING", "CREATING_CARD", "READY_FOR_PUBLICATION" -> ModerationState.PENDING;
      case "DISABLED_AUTOMATICALLY", "NO_CARD", "NO_STOCKS" -> ModerationState.NEEDS_ACTION;
      case "REJECTED_BY_MARKET" -> ModerationState.REJECTED;
      default -> ModerationState.UNKNOWN;
    };
  }

  /** The state that needs more attention: rejected, then needs action, pending, unknown, accepted. */
  private static ModerationState worse(ModerationState a, ModerationState b) {
    return rank(a) >= rank(b) ? a : b;
  }

  private static int rank(ModerationState state) {
    return switch (state) {
      case REJECTED -> 4;
      case NEEDS_ACTION -> 3;
      case PENDING -> 2;
      case UNKNOWN -> 1;
      case ACCEPTED -> 0;
    };
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

  /** Every identifier check of an order, item by item: its UINs, then its marking codes. */
  public static List<IdentifierCheck> identifierChecks(long orderId, GetOrderIdentifiersStatusResponse response) {
    List<IdentifierCheck> out = new ArrayList<>();
    String order = Long.toString(orderId);
    if (response == null || response.getResult() == null || response.getResult().getItems() == null) {
      return out;
    }
    for (OrderItemValidationStatusDTO item : response.getResult().getItems()) {
      if (item == null) {
        continue;
      }
      String lineId = item.getId() == null ? null : item.getId().toString();
      if (item.getUin() != null) {
        for (UinDTO uin : item.getUin()) {
          if (uin != null) {
            String raw = uin.getStatusAsString();
            out.add(new IdentifierCheck(Marketplace.YANDEX_MARKET, order, lineId, IdentifierCheck.Kind.UIN,
                uin.getValue(), checkState(raw), raw, uin.getSubstatusAsString(), null, null));
          }
        }
      }
      if (item.getCis() != null) {
        for (CisDTO cis : item.getCis()) {
          if (cis != null) {
            String raw = cis.getStatusAsString();
            out.add(new IdentifierCheck(Marketplace.YANDEX_MARKET, order, lineId,
                IdentifierCheck.Kind.MARKING_CODE, cis.getValue(), markingCodeState(raw), raw,
                cis.getSubstatusAsString(), cis.getCrptRequestId(), cis.getCrptRequestDateTime()));
          }
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

  /**
   * Marking-code status → check state: INVALID failed the check (no sale with this code), FAILED is the marketplace
   * not managing to check it.
   */
  public static CheckState markingCodeState(String raw) {
    if (raw == null) {
      return CheckState.UNKNOWN;
    }
    return switch (raw) {
      case "OK" -> CheckState.PASSED;
      case "IN_PROGRESS" -> CheckState.IN_PROGRESS;
      case "INVALID" -> CheckState.FAILED;
      case "FAILED" -> CheckState.CHECK_ERROR;
      case "NOT_ON_VALIDATION" -> CheckState.NOT_SUBMITTED;
      default -> CheckState.UNKNOWN;
    };
  }

  private static MarketCard card(OfferMappingDTO mapping) {
    return mapping == null ? null : new MarketCard(mapping.getMarketSku(), mapping.getModelId(),
        mapping.getCategoryId());
  }

  private static Set<String> withoutNulls(Set<String> values) {
    Set<String> out = new LinkedHashSet<>(values);
    out.remove(null);
    return out;
  }
}
