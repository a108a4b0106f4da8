package com.marketplacecontracts.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The gate of {@code ./mvnw verify}: the checkout's {@code specs/} against {@code spec-baseline/} (the last
 * release). Fails on a breaking change unless the major version was raised or
 * {@code spec-baseline/accepted-changes.yaml} lists it with a reason; the message says which entry to add.
 */
class SpecsKeepTheReleasedContractTest {

  @Test
  void specsKeepTheContractOfTheLastRelease() {
    Path root = Path.of(System.getProperty("mc.root", "..")).toAbsolutePath().normalize();
    String version = System.getProperty("mc.version");
    assertThat(version).as("mc.version (set by the build)").isNotBlank();

    ReleaseGate.Result result = ReleaseGate.check(root.resolve("specs"), root.resolve("spec-baseline"), version);

    assertThat(result.passed()).withFailMessage("%n%s", result.message()).isTrue();
  }
}
