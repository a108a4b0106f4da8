package com.marketplacecontracts.teez.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.json.JsonTrees;
import com.marketplacecontracts.core.json.MoshiFactory;
import com.marketplacecontracts.core.json.SeedExample;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every JSON example printed on the seed pages decodes into its generated model and re-encodes to the same JSON. */
class SeedExamplesRoundTripTest {

  private static final Moshi MOSHI = MoshiFactory.create();
  private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

  static List<SeedExample> examples() {
    return SeedExample.all(SeedExamplesRoundTripTest.class, "com.marketplacecontracts.teez.model");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void decodesAndReEncodesToEquivalentJson(SeedExample example) throws Exception {
    @SuppressWarnings("unchecked")
    JsonAdapter<Object> adapter = (JsonAdapter<Object>) MOSHI.adapter(example.model()).failOnUnknown();

    Object decoded = adapter.fromJson(example.json());
    String reEncoded = adapter.toJson(decoded);

    assertThat(decoded).isInstanceOf(example.model());
    assertThat(JsonTrees.normalized(reEncoded)).isEqualTo(JsonTrees.normalized(example.json()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void passesBeanValidation(SeedExample example) throws Exception {
    Object decoded = MOSHI.adapter(example.model()).fromJson(example.json());

    assertThat(VALIDATOR.validate(decoded)).isEmpty();
  }
}
