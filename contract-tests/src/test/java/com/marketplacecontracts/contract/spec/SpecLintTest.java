package com.marketplacecontracts.contract.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both specs pass Spectral ({@code @stoplight/spectral-cli}, pinned in package.json) with the project's ruleset
 * {@code .spectral.yaml}: the OpenAPI rules plus operationIds, error schemas, valid examples and the shapes of
 * x-resource-limit-config and x-deprecation-config.
 */
class SpecLintTest {

  static List<Path> specs() {
    return Specs.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void specHasNoSpectralErrors(Path spec) throws IOException, InterruptedException {
    Path root = Specs.root().getParent();
    Path spectral = root.resolve("node_modules/.bin/spectral");
    assertThat(spectral).as("Spectral is installed by `npm ci`").isExecutable();

    Process process = new ProcessBuilder(spectral.toString(), "lint", spec.toAbsolutePath().toString(),
        "--ruleset", root.resolve(".spectral.yaml").toString(), "--fail-severity", "error")
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("spectral finished").isTrue();

    Path report = Path.of("target", "spectral-" + spec.getFileName() + ".txt");
    Files.createDirectories(report.getParent());
    Files.writeString(report, output);
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).doesNotContain(" error ");
  }
}
