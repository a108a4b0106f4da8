package com.marketplacecontracts.yandex;

import com.marketplacecontracts.yandex.model.GetOfferMappingDTO;
import java.util.List;

/**
 * The answer to a look-up of offers by id ({@link YandexMarketClient#catalogByIds}).
 *
 * @param found   the offers found, in the order their ids were given (each id once)
 * @param missing the ids the marketplace returned nothing for, in the order given
 */
public record CatalogLookup(List<GetOfferMappingDTO> found, List<String> missing) {

  public CatalogLookup {
    found = List.copyOf(found);
    missing = List.copyOf(missing);
  }
}
