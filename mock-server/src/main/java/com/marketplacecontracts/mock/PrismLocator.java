package com.marketplacecontracts.mock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the Prism executable: {@code -Dprism.executable} (or {@code PRISM_EXECUTABLE}), else
 * {@code node_modules/.bin/prism} in the given project folder or any folder above the working directory, else
 * {@code prism} on the {@code PATH}. When none is there, the exception says exactly what to run.
 */
final class PrismLocator {

  /** The Prism release the specs are checked with (package.json of this project). */
  static final String PRISM_VERSION = "5.14.2";
  static final String INSTALL_HINT = "npm install --save-dev @stoplight/prism-cli@" + PRISM_VERSION;

  private PrismLocator() {
  }

  static Path find(Path projectRoot) {
    String configured = System.getProperty("prism.executable", System.getenv("PRISM_EXECUTABLE"));
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      if (!Files.isExecutable(path)) {
        throw new PrismUnavailableException("prism.executable points to " + path + ", which is not an executable");
      }
      return path;
    }
    List<Path> looked = new ArrayList<>();
    List<Path> folders = new ArrayList<>();
    if (projectRoot != null) {
      folders.add(projectRoot.toAbsolutePath().normalize());
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      folders.add(dir);
    }
    for (Path folder : folders) {
      Path candidate = folder.resolve("node_modules").resolve(".bin").resolve("prism");
      looked.add(candidate);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String entry : path.split(java.io.File.pathSeparator)) {
        if (!entry.isBlank() && Files.isExecutable(Path.of(entry, "prism"))) {
          return Path.of(entry, "prism");
        }
      }
    }
    Path where = projectRoot != null ? projectRoot.toAbsolutePath().normalize() : Path.of("").toAbsolutePath();
    throw new PrismUnavailableException("Prism (the OpenAPI mock server) is not installed. Run `" + INSTALL_HINT
        + "` in " + where + " (Node 18.20 or newer), or set -Dprism.executable=/path/to/prism"
        + " (or PRISM_EXECUTABLE). Looked for "
        + looked.get(0) + " and node_modules/.bin/prism in every folder above it, then on the PATH.");
  }
}
