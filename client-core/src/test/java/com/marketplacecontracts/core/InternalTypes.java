package com.marketplacecontracts.core;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Fails when a public type outside the internal packages shows an internal type ({@code ..internal..}) in what a
 * user can see of it: its supertypes, or the parameter, return, exception and field types (type arguments
 * included) of its public and protected members. Every client module's tests call it on its main classes.
 */
public final class InternalTypes {

  private InternalTypes() {
  }

  /** Checks the module's main classes ({@code target/classes}). */
  public static void assertNotExposed() {
    Path classes = Path.of("target/classes");
    if (!Files.isDirectory(classes)) {
      throw new AssertionError("no compiled classes under " + classes.toAbsolutePath());
    }
    List<String> found = exposures(new ClassFileImporter().importPaths(List.of(classes)));
    if (!found.isEmpty()) {
      throw new AssertionError("internal types in the public API:\n  " + String.join("\n  ", found));
    }
  }

  /** Each place a public type of a public package shows an internal type, as text. */
  public static List<String> exposures(JavaClasses classes) {
    List<String> found = new ArrayList<>();
    for (JavaClass type : classes) {
      if (internal(type) || !visible(type)) {
        continue;
      }
      type.getSuperclass().ifPresent(s -> check(found, type.getName() + " extends", s.getAllInvolvedRawTypes()));
      type.getInterfaces().forEach(i -> check(found, type.getName() + " implements", i.getAllInvolvedRawTypes()));
      for (JavaCodeUnit member : type.getCodeUnits()) {
        if (!open(member.getModifiers())) {
          continue;
        }
        String where = type.getName() + "." + member.getName();
        member.getParameterTypes().forEach(p -> check(found, where + " parameter", p.getAllInvolvedRawTypes()));
        check(found, where + " returns", member.getReturnType().getAllInvolvedRawTypes());
        member.getExceptionTypes().forEach(e -> check(found, where + " throws", Set.of(e)));
      }
      for (JavaField field : type.getFields()) {
        if (open(field.getModifiers())) {
          check(found, type.getName() + "." + field.getName(), field.getType().getAllInvolvedRawTypes());
        }
      }
    }
    return found;
  }

  private static void check(List<String> found, String where, Set<JavaClass> types) {
    for (JavaClass type : types) {
      if (internal(type)) {
        found.add(where + ": " + type.getName());
      }
    }
  }

  private static boolean internal(JavaClass type) {
    return type.getPackageName().startsWith("com.marketplacecontracts.") && type.getPackageName().contains(".internal");
  }

  /** Public, and nested only in public types: what a user can name. */
  private static boolean visible(JavaClass type) {
    for (JavaClass t = type; t != null; t = t.getEnclosingClass().orElse(null)) {
      if (!t.getModifiers().contains(JavaModifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  private static boolean open(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }
}
