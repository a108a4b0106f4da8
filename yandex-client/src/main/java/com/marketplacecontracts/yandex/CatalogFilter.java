package com.marketplacecontracts.yandex;

import com.marketplacecontracts.yandex.model.CatalogLanguageType;
import com.marketplacecontracts.yandex.model.GetOfferMappingsRequest;
import com.marketplacecontracts.yandex.model.OfferCardStatusType;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Filters for the business catalog ({@code POST v2/businesses/{businessId}/offer-mappings}), answered page by page.
 * Unset filters are not sent (the marketplace rejects empty lists). To look offers up by id use
 * {@link YandexMarketClient#catalogByIds}. Immutable; build with {@link #builder()}.
 */
public final class CatalogFilter {

  private final Set<OfferCardStatusType> cardStatuses;
  private final Set<Integer> categoryIds;
  private final Set<String> vendorNames;
  private final Set<String> tags;
  private final Boolean archived;
  private final Integer pageSize;
  private final CatalogLanguageType language;

  private CatalogFilter(Builder b) {
    this.cardStatuses = copy(b.cardStatuses);
    this.categoryIds = copy(b.categoryIds);
    this.vendorNames = copy(b.vendorNames);
    this.tags = copy(b.tags);
    this.archived = b.archived;
    this.pageSize = b.pageSize;
    this.language = b.language;
  }

  private static <T> Set<T> copy(Set<T> values) {
    return values.isEmpty() ? null : Collections.unmodifiableSet(new LinkedHashSet<>(values));
  }

  /** The whole catalog (offers not in the archive), pages of the server's default size (50). */
  public static CatalogFilter all() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The request body: only the filters that are set (for calling the generated API directly). */
  public GetOfferMappingsRequest toRequest() {
    return new GetOfferMappingsRequest().cardStatuses(cardStatuses).categoryIds(categoryIds).vendorNames(vendorNames)
        .tags(tags).archived(archived);
  }

  /** Offers per page ({@code limit}, 1–100); null for the server's default. */
  public Integer pageSize() {
    return pageSize;
  }

  /** Language of names and descriptions; null for the server's default ({@code RU}). */
  public CatalogLanguageType language() {
    return language;
  }

  /** Collects filters. */
  public static final class Builder {
    private final Set<OfferCardStatusType> cardStatuses = new LinkedHashSet<>();
    private final Set<Integer> categoryIds = new LinkedHashSet<>();
    private final Set<String> vendorNames = new LinkedHashSet<>();
    private final Set<String> tags = new LinkedHashSet<>();
    private Boolean archived;
    private Integer pageSize;
    private CatalogLanguageType language;

    private Builder() {
    }

    public Builder cardStatus(OfferCardStatusType... values) {
      cardStatuses.addAll(List.of(values));
      return this;
    }

    /** Market category ids (positive). */
    public Builder categoryId(Integer... values) {
      categoryIds.addAll(List.of(values));
      return this;
    }

    public Builder vendor(String... values) {
      vendorNames.addAll(List.of(values));
      return this;
    }

    public Builder tag(String... values) {
      tags.addAll(List.of(values));
      return this;
    }

    /** {@code true}: offers in the archive; otherwise (the default) offers not in it. */
    public Builder archived(boolean value) {
      this.archived = value;
      return this;
    }

    /** Offers per page, 1–100 (checked before sending). */
    public Builder pageSize(int size) {
      this.pageSize = size;
      return this;
    }

    public Builder language(CatalogLanguageType value) {
      this.language = value;
      return this;
    }

    public CatalogFilter build() {
      return new CatalogFilter(this);
    }
  }
}
