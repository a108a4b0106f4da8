package com.marketplacecontracts.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

public class InternalTypesTest {

  @Test
  void noPublicTypeOfClientCoreShowsAnInternalType() {
    InternalTypes.assertNotExposed();
  }

  @Test
  void everyInternalPackageSaysItIsNotPartOfTheApi() throws Exception {
    Path root = Path.of("src/main/java/com/marketplacecontracts/core/internal");
    try (var dirs = Files.walk(root)) {
      dirs.filter(Files::isDirectory).forEach(dir -> {
        Path info = dir.resolve("package-info.java");
        assertThat(info).as(dir + " has a package-info").exists();
        try {
          assertThat(Files.readString(info)).containsIgnoringCase("not part of the API; may change in any release");
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    }
  }

  @Test
  void theCheckFindsAnInternalTypeInAPublicSignature() {
    var classes = new ClassFileImporter().importClasses(Exposing.class,
        com.marketplacecontracts.core.internal.error.Redactor.class);
    assertThat(InternalTypes.exposures(classes)).anyMatch(e -> e.contains("Exposing.leak")
        && e.endsWith("com.marketplacecontracts.core.internal.error.Redactor"));
  }

  /** A public type with an internal type in a public signature, inside a type argument. */
  public static final class Exposing {
    public java.util.List<com.marketplacecontracts.core.internal.error.Redactor> leak() {
      return java.util.List.of();
    }
  }
}
