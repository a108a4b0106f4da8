package com.marketplacecontracts.yandex.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacecontracts.core.json.MoshiFactory;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The models decode through the adapters generated with them, not Moshi's reflective class adapter. */
class GeneratedAdapterTest {

  private final Moshi moshi = MoshiFactory.create();

  @Test
  void modelsUseTheirGeneratedAdapter() {
    assertThat(moshi.adapter(MappingsOfferDTO.class).toString()).contains("GeneratedJsonAdapter(MappingsOfferDTO)");
    assertThat(moshi.adapter(GetOperationsResponse.class).toString())
        .contains("GeneratedJsonAdapter(GetOperationsResponse)");
  }

  @Test
  void unknownNamesAreSkippedAndKnownOnesRead() throws Exception {
    MappingsOfferDTO offer = moshi.adapter(MappingsOfferDTO.class)
        .fromJson("{\"new\":{\"deep\":[1,2]},\"price\":12.50,\"shopSku\":\"A\",\"availability\":\"SOON\"}");

    assertThat(offer.getShopSku()).isEqualTo("A");
    assertThat(offer.getPrice()).isEqualTo(new BigDecimal("12.50"));
    assertThat(offer.getAvailability()).isEqualTo(OfferAvailabilityStatusType.UNRECOGNIZED);
    assertThat(offer.getAvailabilityAsString()).isEqualTo("SOON");
  }

  @Test
  void nullsAreOmittedWhenWriting() {
    JsonAdapter<OperationResultDTO> adapter = moshi.adapter(OperationResultDTO.class);

    assertThat(adapter.toJson(new OperationResultDTO().id("x"))).isEqualTo("{\"id\":\"x\"}");
  }

  @Test
  void aWrongTypeFailsWithTheJsonPath() {
    assertThatThrownBy(() -> moshi.adapter(GetOperationsResponse.class)
        .fromJson("{\"result\":{\"operations\":[{\"id\":[]}]}}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessageContaining("$.result.operations[0].id");
  }
}
