package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.marketplacecontracts.model.Listing;
import com.marketplacecontracts.model.yandex.YandexMapper;
import com.marketplacecontracts.yandex.model.GetOfferDTO;
import com.marketplacecontracts.yandex.model.GetOfferMappingDTO;
import org.junit.jupiter.api.Test;

class YandexOnlyTest {

  @Test
  void theNeutralRecordsMapYandexOffersWithoutTheTeezClient() {
    Listing listing = YandexMapper.listing(new GetOfferMappingDTO().offer(new GetOfferDTO().offerId("SKU-1")));
    assertEquals("SKU-1", listing.sellerSku());
    assertThrows(ClassNotFoundException.class, () -> Class.forName("com.marketplacecontracts.teez.TeezClient"));
  }
}
