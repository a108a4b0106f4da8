package com.marketplacecontracts.teez.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.json.JsonTrees;
import com.marketplacecontracts.core.json.MoshiFactory;
import com.squareup.moshi.JsonAdapter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Problem details allow extension members ({@code additionalProperties: {}}): they are kept, not dropped. */
class ExtendedProblemDetailsTest {

  private final JsonAdapter<ExtendedProblemDetails> adapter =
      MoshiFactory.create().adapter(ExtendedProblemDetails.class);

  @Test
  void extensionMembersAreKeptAndWrittenBack() throws Exception {
    String json = "{\"status\":400,\"errorCode\":\"VALIDATION_ERROR\",\"traceId\":\"00-4bf92f3577b34da6-01\","
        + "\"extra\":{\"limits\":[1,2]}}";

    ExtendedProblemDetails problem = adapter.fromJson(json);

    assertThat(problem.getErrorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(problem.getAdditionalProperties()).containsEntry("traceId", "00-4bf92f3577b34da6-01")
        .containsEntry("extra", Map.of("limits", List.of(1.0, 2.0)));
    assertThat(JsonTrees.normalized(adapter.toJson(problem))).isEqualTo(JsonTrees.normalized(json));
    assertThat(problem).isEqualTo(adapter.fromJson(json))
        .isNotEqualTo(adapter.fromJson(json.replace("00-4bf92f3577b34da6-01", "other")));
  }

  @Test
  void modelsWithoutAdditionalPropertiesStillIgnoreUnknownMembers() throws Exception {
    ImportError error = MoshiFactory.create().adapter(ImportError.class)
        .fromJson("{\"code\":\"C\",\"severity\":\"high\"}");

    assertThat(error.getCode()).isEqualTo("C");
  }
}
