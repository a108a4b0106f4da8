package com.marketplacecontracts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to a CLI process that is waiting (here on an operation the mock always reports IN_PROGRESS) leaves no
 * embedded Prism behind. The process is what {@code ./marketplace} execs: a JVM running {@link MarketplaceCli}.
 */
class EmbeddedMockLifetimeTest {

  @Test
  void sigtermToAWaitingCommandStopsTheEmbeddedMock() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process cli = new ProcessBuilder(java.toString(), "-Dmc.root=" + System.getProperty("mc.root", ".."),
        "-cp", System.getProperty("java.class.path"), MarketplaceCli.class.getName(),
        "yandex", "operations", "--business-id", "12345", "--type", "ORDER_RECIPIENT_UPDATE", "--id", "example",
        "--wait")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader err = new BufferedReader(new InputStreamReader(cli.getErrorStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = err.readLine()) != null && !line.startsWith("getOperations: poll ")) {
      // the mock announcement, then the first poll's progress line
    }
    assertThat(line).as("a poll result while waiting").isNotNull();
    List<ProcessHandle> mock = new ArrayList<>(cli.descendants().toList());
    assertThat(mock).as("the embedded Prism's processes").isNotEmpty();

    cli.destroy(); // SIGTERM

    assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
    for (ProcessHandle process : mock) {
      process.onExit().get(15, TimeUnit.SECONDS);
      assertThat(process.isAlive()).as("%s", process.info().commandLine()).isFalse();
    }
  }
}
