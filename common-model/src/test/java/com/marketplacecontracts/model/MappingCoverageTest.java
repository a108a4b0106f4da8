package com.marketplacecontracts.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.model.teez.TeezMapper;
import com.marketplacecontracts.model.yandex.YandexMapper;
import com.marketplacecontracts.model.yandex.YandexSellerDayMapper;
import com.squareup.moshi.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Walks every generated model class and fails when a field is neither read by its mapper nor listed here as
 * deliberately not mapped — so a spec change cannot silently drop data.
 */
class MappingCoverageTest {

  /** Whole classes not mapped, with the reason. */
  private static final Map<String, String> CLASSES_NOT_MAPPED = Map.ofEntries(
      Map.entry("BaseOfferResponseDTO", "allOf part; its fields are mapped or excused through GetOfferDTO"),
      Map.entry("BasePriceDTO", "allOf part of the price shapes"),
      Map.entry("UpdateTimeDTO", "allOf part of the price shapes"),
      Map.entry("GetOfferMappingsRequest", "a request, not a response"),
      Map.entry("GetPriceDTO", "purchase price and additional expenses: the seller's own costs, not in the neutral listing"),
      Map.entry("AgeDTO", "age restriction, product detail"),
      Map.entry("CommodityCodeDTO", "customs and tax codes, product detail"),
      Map.entry("OfferManualDTO", "manuals, media"),
      Map.entry("OfferConditionDTO", "discounted-goods condition, product detail"),
      Map.entry("OfferParamDTO", "category characteristics (deprecated by the marketplace)"),
      Map.entry("OfferMediaFilesDTO", "media and their upload states"),
      Map.entry("OfferMediaFileDTO", "media and their upload states"),
      Map.entry("OfferSellingProgramDTO", "which fulfilment models allow the offer; not moderation"),
      Map.entry("ShowcaseUrlDTO", "storefront links"),
      Map.entry("OfferWeightDimensionsDTO", "logistics detail, not in the neutral listing"),
      Map.entry("TimePeriodDTO", "shelf life / warranty periods, not in the neutral listing"),
      Map.entry("ApiResponse", "wrapper status (OK/ERROR); errors arrive as exceptions"),
      Map.entry("MappingsOfferInfoDTO", "allOf part; its fields are mapped through MappingsOfferDTO"),
      Map.entry("OfferMappingInfoDTO", "allOf part; its fields are mapped through OfferMappingEntryDTO"),
      Map.entry("ForwardScrollingPagerDTO", "allOf part of ScrollingPagerDTO"),
      Map.entry("ScrollingPagerDTO", "page tokens are consumed by the pager, not domain data"),
      Map.entry("PackagingForwardScrollingPagerDTO", "page tokens are consumed by the pager, not domain data"),
      Map.entry("GetOperationsRequest", "a request, not a response"),
      Map.entry("TokenRequest", "authentication, not domain data"),
      Map.entry("TokenResponse", "authentication, not domain data"),
      Map.entry("LegacyWeightDimensionsDTO", "logistics detail, not in the neutral listing"),
      Map.entry("LegacyTimePeriodDTO", "shelf life / warranty periods, not in the neutral listing"),
      Map.entry("BriefOrderItemInstanceDTO", "marking codes of order lines; checked through IdentifierCheck"),
      Map.entry("OrderItemInstanceDTO", "marking codes of order lines; checked through IdentifierCheck"),
      Map.entry("OrderItemUnitStatusDTO", "per-unit line statuses, order contents"),
      Map.entry("BusinessOrderDeliveryDTO", "delivery and logistics, not in the neutral order"),
      Map.entry("BusinessOrderDeliveryDatesDTO", "delivery and logistics, not in the neutral order"),
      Map.entry("BusinessOrderCourierDeliveryDTO", "delivery and logistics, not in the neutral order"),
      Map.entry("BusinessOrderPickupDeliveryDTO", "delivery and logistics, not in the neutral order"),
      Map.entry("BusinessOrderShipmentDTO", "delivery and logistics, not in the neutral order"),
      Map.entry("BusinessOrderTransferDTO", "delivery and logistics, not in the neutral order"),
      Map.entry("BusinessOrderBoxLayoutDTO", "packing detail, not in the neutral order"),
      Map.entry("BusinessOrderBoxLayoutItemDTO", "packing detail, not in the neutral order"),
      Map.entry("BusinessOrderBoxLayoutPartialCountDTO", "packing detail, not in the neutral order"),
      Map.entry("BusinessOrderEacDTO", "hand-over codes, a secret of the delivery; never copied"),
      Map.entry("BusinessOrderDeliveryAddressDTO", "the buyer's address: personal data, not in the neutral order"),
      Map.entry("GpsDTO", "the buyer's address: personal data"),
      Map.entry("OrderCourierDTO", "the courier's name and phone: personal data"),
      Map.entry("RegionDTO", "delivery region, logistics"),
      Map.entry("OrderTrackDTO", "tracking numbers, logistics"),
      Map.entry("BusinessOrderServicesDTO", "paid delivery services, not in the neutral order"),
      Map.entry("DigitalGoodsDeliveryDetailsDTO", "digital goods delivery, logistics"),
      Map.entry("LogisticPickupPointDTO", "where to collect returned goods: an address, logistics"),
      Map.entry("PickupAddressDTO", "where to collect returned goods: an address, logistics"),
      Map.entry("ReturnInstanceDTO", "marking codes (CIS, IMEI) and stock types of single returned units"));

  /** Single fields not mapped, with the reason. */
  private static final Map<String, String> FIELDS_NOT_MAPPED = Map.ofEntries(
      Map.entry("GetOfferMappingEntriesResponse.status", "wrapper status"),
      Map.entry("GetOperationsResponse.status", "wrapper status"),
      Map.entry("GetOrderIdentifiersStatusResponse.status", "wrapper status"),
      Map.entry("ApiErrorResponse.status", "wrapper status; the HTTP status is kept instead"),
      Map.entry("OfferMappingEntriesDTO.paging", "consumed by the pager"),
      Map.entry("ExtendedProblemDetails.type", "RFC 7807 type URI, constant per error class"),
      Map.entry("ExtendedProblemDetails.instance", "RFC 7807 instance URI"),
      Map.entry("MappingsOfferDTO.category", "deprecated by the marketplace"),
      Map.entry("MappingsOfferDTO.description", "long marketing text, not needed to track state"),
      Map.entry("MappingsOfferDTO.feedId", "feed bookkeeping"),
      Map.entry("MappingsOfferDTO.urls", "seller site links"),
      Map.entry("MappingsOfferDTO.pictures", "media"),
      Map.entry("MappingsOfferDTO.manufacturer", "logistics detail"),
      Map.entry("MappingsOfferDTO.manufacturerCountries", "logistics detail"),
      Map.entry("MappingsOfferDTO.minShipment", "supply detail"),
      Map.entry("MappingsOfferDTO.transportUnitSize", "supply detail"),
      Map.entry("MappingsOfferDTO.quantumOfSupply", "supply detail"),
      Map.entry("MappingsOfferDTO.deliveryDurationDays", "supply detail"),
      Map.entry("MappingsOfferDTO.boxCount", "logistics detail"),
      Map.entry("MappingsOfferDTO.customsCommodityCodes", "customs detail"),
      Map.entry("MappingsOfferDTO.weightDimensions", "logistics detail"),
      Map.entry("MappingsOfferDTO.supplyScheduleDays", "supply detail"),
      Map.entry("MappingsOfferDTO.shelfLifeDays", "deprecated by the marketplace"),
      Map.entry("MappingsOfferDTO.lifeTimeDays", "deprecated by the marketplace"),
      Map.entry("MappingsOfferDTO.guaranteePeriodDays", "warranty detail"),
      Map.entry("MappingsOfferDTO.availability", "supply plan, not moderation state"),
      Map.entry("MappingsOfferDTO.shelfLife", "product detail"),
      Map.entry("MappingsOfferDTO.lifeTime", "product detail"),
      Map.entry("MappingsOfferDTO.guaranteePeriod", "warranty detail"),
      Map.entry("MappingsOfferDTO.certificate", "document number"),
      Map.entry("GetOfferMappingsResponse.status", "wrapper status"),
      Map.entry("GetOfferMappingsResultDTO.paging", "consumed by the pager"),
      Map.entry("GetOfferMappingDTO.showcaseUrls", "storefront links"),
      Map.entry("GetMappingDTO.marketSkuName", "display name of the card"),
      Map.entry("GetMappingDTO.marketModelName", "deprecated by the marketplace"),
      Map.entry("GetMappingDTO.marketCategoryName", "display name of the category"),
      Map.entry("GetPriceWithDiscountDTO.discountBase", "crossed-out price, not in the neutral listing"),
      Map.entry("GetPriceWithDiscountDTO.updatedAt", "price bookkeeping"),
      Map.entry("GetOfferDTO.marketCategoryId", "the category the seller chose; the card's category is mapped"),
      Map.entry("GetOfferDTO.category", "deprecated by the marketplace"),
      Map.entry("GetOfferDTO.pictures", "media"),
      Map.entry("GetOfferDTO.videos", "media"),
      Map.entry("GetOfferDTO.manuals", "media"),
      Map.entry("GetOfferDTO.mediaFiles", "media"),
      Map.entry("GetOfferDTO.description", "long marketing text, not needed to track state"),
      Map.entry("GetOfferDTO.manufacturerCountries", "logistics detail"),
      Map.entry("GetOfferDTO.weightDimensions", "logistics detail"),
      Map.entry("GetOfferDTO.tags", "the seller's own grouping"),
      Map.entry("GetOfferDTO.shelfLife", "product detail"),
      Map.entry("GetOfferDTO.lifeTime", "product detail"),
      Map.entry("GetOfferDTO.guaranteePeriod", "warranty detail"),
      Map.entry("GetOfferDTO.customsCommodityCode", "deprecated by the marketplace"),
      Map.entry("GetOfferDTO.commodityCodes", "customs and tax codes"),
      Map.entry("GetOfferDTO.certificates", "document numbers"),
      Map.entry("GetOfferDTO.boxCount", "logistics detail"),
      Map.entry("GetOfferDTO.condition", "discounted-goods detail"),
      Map.entry("GetOfferDTO.type", "product kind"),
      Map.entry("GetOfferDTO.downloadable", "product kind"),
      Map.entry("GetOfferDTO.adult", "product kind"),
      Map.entry("GetOfferDTO.age", "product detail"),
      Map.entry("GetOfferDTO.params", "deprecated by the marketplace"),
      Map.entry("GetOfferDTO.purchasePrice", "the seller's own costs"),
      Map.entry("GetOfferDTO.additionalExpenses", "the seller's own costs"),
      Map.entry("GetOfferDTO.sellingPrograms", "fulfilment models, not moderation"),
      Map.entry("GetOfferDTO.archived", "the seller's archive flag; the filter selects it, the neutral listing has no place for it"),
      Map.entry("GetOfferDTO.groupId", "variant grouping on one card"),
      Map.entry("GetBusinessOrdersResponse.paging", "consumed by the pager"),
      Map.entry("BusinessOrderDTO.delivery", "logistics"),
      Map.entry("BusinessOrderItemDTO.instances", "marking codes of single units; checked through IdentifierCheck"),
      Map.entry("BusinessOrderItemDTO.requiredInstanceTypes", "which marking codes a line needs; IdentifierCheck"),
      Map.entry("BusinessOrderItemDTO.itemStatuses", "per-unit line statuses; the order's status is mapped"),
      Map.entry("BusinessOrderItemDTO.tags", "line labels for the marketplace's programmes"),
      Map.entry("GetReturnsResponse.status", "wrapper status"),
      Map.entry("GetReturnResponse.status", "wrapper status"),
      Map.entry("PagedReturnsDTO.paging", "consumed by the pager"),
      Map.entry("ReturnDTO.logisticPickupPoint", "where to collect the goods: an address, logistics"),
      Map.entry("ReturnItemDTO.instances", "marking codes (CIS, IMEI) of single returned units"),
      Map.entry("ReturnDTO.refundAmount", "deprecated by the marketplace; amount carries it with its currency"),
      Map.entry("ReturnDecisionDTO.refundAmount", "deprecated by the marketplace; amount carries it with its currency"),
      Map.entry("ReturnDecisionDTO.partnerCompensation",
          "deprecated by the marketplace; partnerCompensationAmount carries it with its currency"),
      Map.entry("ReturnDecisionDTO.images", "photo hashes, media"),
      Map.entry("BusinessOrderDTO.services", "paid delivery services"),
      Map.entry("BusinessOrderDTO.buyerType", "buyer detail"),
      Map.entry("BusinessOrderDTO.notes", "the buyer's free text"),
      Map.entry("BusinessOrderDTO.sourcePlatform", "where the buyer ordered from"));

  /**
   * The Yandex answers common-model maps. The spec has some 800 models; the others belong to operations whose
   * answers the caller reads as generated (no neutral record holds them), so only what these answers reach counts.
   */
  private static final List<Class<?>> MAPPED_ANSWERS = List.of(
      com.marketplacecontracts.yandex.model.GetOfferMappingsResponse.class,
      com.marketplacecontracts.yandex.model.GetOfferMappingEntriesResponse.class,
      com.marketplacecontracts.yandex.model.GetOrderIdentifiersStatusResponse.class,
      com.marketplacecontracts.yandex.model.GetOperationsResponse.class,
      com.marketplacecontracts.yandex.model.ApiErrorResponse.class,
      com.marketplacecontracts.yandex.model.GetBusinessOrdersResponse.class,
      com.marketplacecontracts.yandex.model.GetReturnsResponse.class,
      com.marketplacecontracts.yandex.model.GetReturnResponse.class);

  @Test
  void everyGeneratedFieldIsMappedOrDeliberatelyLeftOut() {
    Set<String> fields = new TreeSet<>();
    fields.addAll(jsonFields("com.marketplacecontracts.teez.model"));
    fields.addAll(jsonFields(reachable(MAPPED_ANSWERS)));
    assertThat(fields).as("generated fields found").hasSizeGreaterThan(80);

    Set<String> unaccounted = new TreeSet<>();
    for (String field : fields) {
      String owner = field.substring(0, field.indexOf('.'));
      boolean mapped = TeezMapper.MAPPED.contains(field) || YandexMapper.MAPPED.contains(field)
          || YandexSellerDayMapper.MAPPED.contains(field);
      boolean excused = CLASSES_NOT_MAPPED.containsKey(owner) || FIELDS_NOT_MAPPED.containsKey(field);
      if (mapped == excused) {
        unaccounted.add(field + (mapped ? " (both mapped and excused)" : " (neither mapped nor excused)"));
      }
    }

    assertThat(unaccounted).isEmpty();
  }

  @Test
  void theMappersNameOnlyFieldsThatExist() {
    Set<String> fields = new TreeSet<>();
    fields.addAll(jsonFields("com.marketplacecontracts.teez.model"));
    fields.addAll(jsonFields("com.marketplacecontracts.yandex.model"));

    assertThat(fields).containsAll(TeezMapper.MAPPED).containsAll(YandexMapper.MAPPED)
        .containsAll(YandexSellerDayMapper.MAPPED)
        .containsAll(FIELDS_NOT_MAPPED.keySet());
  }

  /** {@code Class.jsonName} of every {@code @Json} field of every class in a generated model package. */
  private static Set<String> jsonFields(String modelPackage) {
    return jsonFields(classes(modelPackage));
  }

  /** The model classes {@code roots} reach through their fields (element types of lists and maps too). */
  private static Set<Class<?>> reachable(List<Class<?>> roots) {
    Set<Class<?>> out = new LinkedHashSet<>();
    java.util.ArrayDeque<Class<?>> todo = new java.util.ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      Class<?> type = todo.removeFirst();
      if (!type.getPackageName().equals(roots.get(0).getPackageName()) || !out.add(type)) {
        continue;
      }
      for (Field field : type.getDeclaredFields()) {
        todo.add(field.getType());
        if (field.getGenericType() instanceof java.lang.reflect.ParameterizedType generic) {
          for (java.lang.reflect.Type argument : generic.getActualTypeArguments()) {
            if (argument instanceof Class<?> element) {
              todo.add(element);
            }
          }
        }
      }
    }
    return out;
  }

  private static Set<String> jsonFields(Set<Class<?>> types) {
    Set<String> out = new TreeSet<>();
    for (Class<?> type : types) {
      if (type.isEnum()) {
        continue;
      }
      for (Field field : type.getDeclaredFields()) {
        Json json = field.getAnnotation(Json.class);
        if (json != null) {
          out.add(type.getSimpleName() + "." + json.name());
        }
      }
    }
    return out;
  }

  private static Set<Class<?>> classes(String packageName) {
    String path = packageName.replace('.', '/');
    URL url = MappingCoverageTest.class.getClassLoader().getResource(path);
    if (url == null) {
      throw new IllegalStateException("package not on the class path: " + packageName);
    }
    Set<Class<?>> out = new LinkedHashSet<>();
    try {
      if (url.getProtocol().equals("jar")) {
        try (FileSystem jar = FileSystems.newFileSystem(url.toURI(), Map.of())) {
          collect(jar.getPath(path), packageName, out);
        }
      } else {
        collect(Path.of(url.toURI()), packageName, out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private static void collect(Path dir, String packageName, Set<Class<?>> out) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".class") && !name.contains("$")) {
          try {
            out.add(Class.forName(packageName + "." + name.substring(0, name.length() - ".class".length())));
          } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
  }
}
