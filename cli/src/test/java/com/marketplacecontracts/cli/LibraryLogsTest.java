package com.marketplacecontracts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The Redis client logs through {@code java.util.logging} ("ioThreadPoolSize is less than 2"): those lines must not
 * reach the CLI's stderr, {@code --quiet} or not, unless {@code --debug} asks for them.
 */
class LibraryLogsTest {

  @Test
  void aLibrarysLogLinesReachStderrOnlyWithDebug() throws Exception {
    PrintStream before = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      LogManager.getLogManager().readConfiguration(); // a console handler on stderr, as a JVM starts with
      // a logger the tests' logging configuration leaves at its default level (it quiets the Redis client's own)
      Logger library = Logger.getLogger("com.example.library.Resources");

      MarketplaceCli.quietLibraryLogs(new String[] {"--debug", "yandex", "call", "getCampaigns"});
      library.info("ioThreadPoolSize is less than 2 (1)");
      String withDebug = err.toString(StandardCharsets.UTF_8);
      err.reset();
      MarketplaceCli.quietLibraryLogs(new String[] {"--quiet", "yandex", "call", "getCampaigns"});
      library.info("ioThreadPoolSize is less than 2 (1)");
      library.warning("a warning too");

      assertThat(withDebug).contains("ioThreadPoolSize is less than 2");
      assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    } finally {
      System.setErr(before);
      LogManager.getLogManager().readConfiguration();
    }
  }
}
