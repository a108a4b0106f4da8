package com.marketplacecontracts.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A writable copy of the multi-file test document under {@code src/test/resources/fixture}, edited per test. */
final class Fixture {

  final Path dir;

  private Fixture(Path dir) {
    this.dir = dir;
  }

  /** The unedited document's folder (holding {@code openapi/openapi.yaml}). */
  static Path original() {
    try {
      return Path.of(Fixture.class.getClassLoader().getResource("fixture").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy of the document in {@code target}. */
  static Fixture copy(Path target) {
    Path source = original();
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path to = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(to);
        } else {
          Files.copy(file, to);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Fixture(target);
  }

  Path root() {
    return dir.resolve("openapi/openapi.yaml");
  }

  /** Replaces text in one file of the document; the text must be there, so an edit cannot silently miss. */
  Fixture edit(String file, String from, String to) {
    Path path = dir.resolve("openapi").resolve(file);
    try {
      String text = Files.readString(path, StandardCharsets.UTF_8);
      assertThat(text).as(file).contains(from);
      Files.writeString(path, text.replace(from, to), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }
}
