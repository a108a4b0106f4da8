package com.marketplacecontracts.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.internal.http.Validators;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import jakarta.validation.Validator;
import java.util.List;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Test contract each client's {@code SeedExamplesRoundTripTest} extends: every JSON example printed on the seed pages
 * (listed in {@code /seed-examples/index.properties}) decodes into its generated model with no unknown member,
 * re-encodes to the same JSON, and passes Bean Validation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SeedExampleRoundTripContract {

  private static final Moshi MOSHI = MoshiFactory.create();
  private static final Validator VALIDATOR = Validators.shared();

  /** The package of the client's generated models. */
  protected abstract String modelPackage();

  List<SeedExample> examples() {
    return SeedExample.all(getClass(), modelPackage());
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
