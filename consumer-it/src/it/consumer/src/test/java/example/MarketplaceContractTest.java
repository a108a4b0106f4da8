package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.marketplacecontracts.core.operation.ContractMismatch;
import com.marketplacecontracts.mock.MarketplaceSpec;
import com.marketplacecontracts.mock.junit.MarketplaceMock;
import com.marketplacecontracts.mock.junit.MockBaseUrl;
import com.marketplacecontracts.mock.junit.MockedMarketplace;
import com.marketplacecontracts.model.AsyncJob;
import com.marketplacecontracts.model.teez.TeezMapper;
import com.marketplacecontracts.teez.TeezClient;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.model.GetOrderIdentifiersStatusResponse;
import com.marketplacecontracts.yandex.model.OperationType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A user's contract checks: their clients against mocks of exactly the specs the clients were generated from. */
class MarketplaceContractTest {

  @Nested
  @MarketplaceMock(MarketplaceSpec.YANDEX_MARKET)   // Prism serving the spec inside yandex-client
  class Yandex {

    @Test
    void uinStatusOfAnOrder(@MockBaseUrl String baseUrl) {
      try (YandexMarketClient market = YandexMarketClient.builder().baseUrl(baseUrl).apiKey("test-key").build()) {
        GetOrderIdentifiersStatusResponse response = market.uinStatus(1234567, 123456789);

        assertFalse(response.getResult().getItems().isEmpty());
      }   // a request breaking the spec would fail this test, with Prism's violations listed
    }
  }

  @Nested
  @MarketplaceMock(MarketplaceSpec.YANDEX_MARKET)
  class GuardedYandex {

    @Test
    void theContractGuardFindsNoDriftInTheSpecsOwnExamples(@MockBaseUrl String baseUrl, MockedMarketplace mock) {
      List<ContractMismatch> drift = new ArrayList<>();
      try (YandexMarketClient market = ReadmeExamples.guarded(baseUrl, "test-key", 1.0, drift)) {
        market.uinStatus(1234567, 123456789);
        market.operationStatuses(12345, OperationType.ORDER_RECIPIENT_UPDATE, List.of("example"));
      }
      assertEquals(List.of(), drift);
      assertEquals(List.of(), mock.violations());
    }
  }

  @Nested
  @MarketplaceMock(value = MarketplaceSpec.TEEZ, dynamic = true)
  class Teez {

    @Test
    void importStatusMapsToAJob(@MockBaseUrl String baseUrl) {
      try (TeezClient teez = TeezClient.builder().baseUrl(baseUrl).accessToken("test-token").build()) {
        AsyncJob job = TeezMapper.importJob(42, teez.importStatus(42));

        assertEquals("42", job.id());
      }
    }
  }

  @Test
  void testcontainersIsNotPulledIn() {
    assertThrows(ClassNotFoundException.class, () -> Class.forName("org.testcontainers.DockerClientFactory"));
  }

  @Test
  void aMissingCredentialIsNamed() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ReadmeExamples.env("MARKETPLACE_CONSUMER_UNSET_VARIABLE"));
    assertEquals("environment variable MARKETPLACE_CONSUMER_UNSET_VARIABLE is not set", e.getMessage());
  }
}
