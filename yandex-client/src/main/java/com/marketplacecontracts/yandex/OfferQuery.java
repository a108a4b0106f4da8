package com.marketplacecontracts.yandex;

import com.marketplacecontracts.yandex.model.OfferAvailabilityStatusType;
import com.marketplacecontracts.yandex.model.OfferMappingKindType;
import com.marketplacecontracts.yandex.model.OfferProcessingStatusType;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Filters for the legacy catalog listing ({@code GET v2/campaigns/{campaignId}/offer-mapping-entries}, removed by
 * the marketplace on 2026-03-12; see {@link CatalogFilter} for the business catalog). Either offer ids
 * or the other filters: the marketplace rejects a mix. Unset filters are not sent. Immutable; build with
 * {@link #builder()}.
 */
public final class OfferQuery {

  private final Set<OfferProcessingStatusType> statuses;
  private final Set<OfferAvailabilityStatusType> availabilities;
  private final Set<Long> categoryIds;
  private final Set<String> vendors;
  private final Set<String> offerIds;
  private final OfferMappingKindType mappingKind;
  private final Integer pageSize;

  private OfferQuery(Builder b) {
    this.statuses = copy(b.statuses);
    this.availabilities = copy(b.availabilities);
    this.categoryIds = copy(b.categoryIds);
    this.vendors = copy(b.vendors);
    this.offerIds = copy(b.offerIds);
    this.mappingKind = b.mappingKind;
    this.pageSize = b.pageSize;
  }

  private static <T> Set<T> copy(Set<T> values) {
    return values.isEmpty() ? null : Collections.unmodifiableSet(new LinkedHashSet<>(values));
  }

  /** Every offer, pages of the server's default size. */
  public static OfferQuery all() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  Set<OfferProcessingStatusType> statuses() {
    return statuses;
  }

  Set<OfferAvailabilityStatusType> availabilities() {
    return availabilities;
  }

  Set<Long> categoryIds() {
    return categoryIds;
  }

  Set<String> vendors() {
    return vendors;
  }

  Set<String> offerIds() {
    return offerIds;
  }

  OfferMappingKindType mappingKind() {
    return mappingKind;
  }

  /** Items per page ({@code limit}); also what each page costs of the items-per-minute quota. */
  public Integer pageSize() {
    return pageSize;
  }

  /** Collects filters. */
  public static final class Builder {
    private final Set<OfferProcessingStatusType> statuses = new LinkedHashSet<>();
    private final Set<OfferAvailabilityStatusType> availabilities = new LinkedHashSet<>();
    private final Set<Long> categoryIds = new LinkedHashSet<>();
    private final Set<String> vendors = new LinkedHashSet<>();
    private final Set<String> offerIds = new LinkedHashSet<>();
    private OfferMappingKindType mappingKind;
    private Integer pageSize;

    private Builder() {
    }

    public Builder status(OfferProcessingStatusType... values) {
      statuses.addAll(List.of(values));
      return this;
    }

    public Builder availability(OfferAvailabilityStatusType... values) {
      availabilities.addAll(List.of(values));
      return this;
    }

    public Builder categoryId(Long... values) {
      categoryIds.addAll(List.of(values));
      return this;
    }

    public Builder vendor(String... values) {
      vendors.addAll(List.of(values));
      return this;
    }

    public Builder offerId(String... values) {
      offerIds.addAll(List.of(values));
      return this;
    }

    public Builder mappingKind(OfferMappingKindType kind) {
      this.mappingKind = kind;
      return this;
    }

    public Builder pageSize(int size) {
      this.pageSize = size;
      return this;
    }

    public OfferQuery build() {
      return new OfferQuery(this);
    }
  }
}
