package com.marketplacecontracts.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A local Prism never outlives the JVM that started it, however that JVM ends. */
class LocalPrismLifetimeTest {

  enum Ending {
    /** main returns without closing the server. */
    UNCLOSED,
    /** SIGTERM to the JVM. */
    SIGTERM,
    /** SIGKILL: no shutdown hook runs, as after a crash. */
    SIGKILL
  }

  /**
   * The child JVM: starts Prism, prints the base URL, waits for a line on stdin (so the test sees the processes
   * first), then returns without closing the server or blocks until it is killed, as asked.
   */
  public static final class Holder {
    public static void main(String[] args) throws Exception {
      PrismServer server = PrismServer.start(MarketplaceSpec.YANDEX_MARKET.extract(), null, PrismServer.Mode.LOCAL);
      System.out.println("READY " + server.baseUrl());
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (!args[0].equals("UNCLOSED")) {
        Thread.sleep(Long.MAX_VALUE);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Ending.class)
  void prismEndsWithTheJvm(Ending ending) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process jvm = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        Holder.class.getName(), ending.name())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
    String ready = out.readLine();
    assertThat(ready).startsWith("READY http://127.0.0.1:");
    List<ProcessHandle> prism = new ArrayList<>(jvm.descendants().toList());
    assertThat(prism).as("watchdog and Prism processes").isNotEmpty();

    jvm.getOutputStream().write('\n');
    jvm.getOutputStream().flush();
    switch (ending) {
      case UNCLOSED -> { }
      case SIGTERM -> jvm.destroy();
      case SIGKILL -> jvm.destroyForcibly();
    }
    assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
    for (ProcessHandle process : prism) {
      process.onExit().get(15, TimeUnit.SECONDS);
      assertThat(process.isAlive()).as("%s after %s", process.info().commandLine(), ending).isFalse();
    }
  }
}
