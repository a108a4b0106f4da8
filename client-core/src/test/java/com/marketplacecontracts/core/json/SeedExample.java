package com.marketplacecontracts.core.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Test helper: one JSON example printed on a seed page, kept under {@code /seed-examples/}, and the generated model
 * class it must decode into (listed in {@code /seed-examples/index.properties}).
 */
public record SeedExample(String file, Class<?> model, String json) {

  /** Every example listed in the index, with the model class resolved in {@code modelPackage}. */
  public static List<SeedExample> all(Class<?> anchor, String modelPackage) {
    Properties index = new Properties();
    try (InputStream in = anchor.getResourceAsStream("/seed-examples/index.properties")) {
      if (in == null) {
        throw new IllegalStateException("missing /seed-examples/index.properties");
      }
      index.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<SeedExample> out = new ArrayList<>();
    for (String file : new TreeSet<>(index.stringPropertyNames())) {
      String model = index.getProperty(file).trim();
      try {
        out.add(new SeedExample(file, Class.forName(modelPackage + "." + model),
            JsonTrees.resource(anchor, "/seed-examples/" + file)));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(file + ": no generated model " + model, e);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return file + " -> " + model.getSimpleName();
  }
}
