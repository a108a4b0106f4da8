package com.marketplacecontracts.model;

import com.marketplacecontracts.core.json.MoshiFactory;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: decodes a seed example kept with a client's tests into its generated model. */
public final class SeedFiles {

  private static final Moshi MOSHI = MoshiFactory.create();

  private SeedFiles() {
  }

  public static <T> T decode(String client, String file, Class<T> type) {
    Path root = Path.of(System.getProperty("mc.root", ".."));
    Path path = root.resolve(client + "/src/test/resources/seed-examples/" + file);
    try {
      return MOSHI.adapter(type).fromJson(Files.readString(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static <T> T decodeJson(String json, Class<T> type) {
    try {
      return MOSHI.adapter(type).fromJson(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
