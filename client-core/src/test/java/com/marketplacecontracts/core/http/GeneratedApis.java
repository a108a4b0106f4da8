package com.marketplacecontracts.core.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Test helper: the generated APIs of a client offer one way to call, the typed {@link MarketplaceCall}. */
public final class GeneratedApis {

  private GeneratedApis() {
  }

  /** Fails unless every method of every interface in {@code apiPackage} returns a {@link MarketplaceCall}. */
  public static void assertEveryOperationReturnsMarketplaceCall(String apiPackage) {
    JavaClasses apis = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(apiPackage);
    methods().that().areDeclaredInClassesThat().resideInAPackage(apiPackage)
        .should().haveRawReturnType(MarketplaceCall.class)
        .check(apis);
  }
}
