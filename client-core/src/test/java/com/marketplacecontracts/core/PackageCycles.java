package com.marketplacecontracts.core;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fails when the packages of a module depend on each other in a circle, so each module's packages read top to
 * bottom. Every module's tests call it; dependencies of a module are checked in their own module.
 */
public final class PackageCycles {

  private PackageCycles() {
  }

  /**
   * Checks the module's main classes ({@code target/classes}); a module made of tests alone (contract-tests) is
   * checked on its test classes. Tests of a low package may drive the whole engine, so they are not held to it.
   */
  public static void assertNone() {
    JavaClasses classes = compiled("target/classes");
    if (classes.isEmpty()) {
      classes = compiled("target/test-classes");
    }
    if (classes.isEmpty()) {
      throw new AssertionError("no compiled classes under " + Path.of("target").toAbsolutePath());
    }
    slices().matching("com.marketplacecontracts.(**)").should().beFreeOfCycles().check(classes);
  }

  private static JavaClasses compiled(String directory) {
    Path path = Path.of(directory);
    return new ClassFileImporter().importPaths(Files.isDirectory(path) ? List.of(path) : List.of());
  }
}
