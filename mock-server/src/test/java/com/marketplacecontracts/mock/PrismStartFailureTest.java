package com.marketplacecontracts.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when the mock cannot start: what to install, or Prism's own words, at once. */
class PrismStartFailureTest {

  @Test
  void noNodeOnThePathFailsAtOnceSayingWhatToInstall(@TempDir Path empty) {
    assertThatThrownBy(() -> LocalPrism.requireNode(empty.toString()))
        .isInstanceOf(PrismUnavailableException.class)
        .hasMessageContaining("Node 18.20 or newer")
        .hasMessageContaining("npm install --save-dev @stoplight/prism-cli@5.14.2")
        .hasMessageContaining("org.testcontainers:testcontainers");
    assertThatThrownBy(() -> LocalPrism.requireNode(null)).isInstanceOf(PrismUnavailableException.class);
  }

  @Test
  void aNodeOnThePathIsEnough(@TempDir Path bin) throws IOException {
    Path node = Files.writeString(bin.resolve("node"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwxr-xr-x"));

    LocalPrism.requireNode("/nonexistent" + java.io.File.pathSeparator + bin);
  }

  @Test
  void prismsOwnStartUpErrorIsReportedNotATimeout(@TempDir Path dir) throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "openapi: 3.0.3\ninfo: [not, an, object]\n");
    long started = System.nanoTime();

    assertThatThrownBy(() -> PrismServer.start(broken, Path.of("..").toAbsolutePath(), PrismServer.Mode.LOCAL))
        .isInstanceOf(PrismUnavailableException.class)
        .hasMessageContaining("Prism stopped at start-up")
        .hasMessageNotContaining("did not start within");
    assertThat(System.nanoTime() - started).as("reported as soon as Prism stops").isLessThan(25_000_000_000L);
  }
}
