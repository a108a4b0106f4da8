package com.marketplacecontracts.yandex.day;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.day.BulkWrite.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job runs in a child JVM, is killed ({@code destroyForcibly}, SIGKILL) half-way, and resumed here: from the
 * server's own count, every item is applied exactly once and none is lost; no item the killed run had recorded as
 * acknowledged is received again.
 */
class BulkKillResumeTest {

  private static final int ITEMS = 24_000;
  private static final Pattern ACCEPTED = Pattern.compile("\\{\"from\":(\\d+),\"size\":(\\d+),\"state\":\"ACCEPTED\"");

  @TempDir
  Path dir;

  @Test
  void aJobKilledHalfWayResumesWithEveryItemAppliedExactlyOnce() throws Exception {
    try (BulkServer server = new BulkServer().quota(6000, 1000)) {
      server.keepBodies = false;
      Path checkpoint = dir.resolve("prices.ckpt");
      String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx128m", "-cp", classpath, BulkWorker.class.getName(), server.url(), checkpoint.toString(),
          Integer.toString(ITEMS), "6000").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (server.itemsApplied.get() < ITEMS / 2 && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      long appliedAtKill = server.itemsApplied.get();
      assertThat(appliedAtKill).as("killed mid-write").isBetween(1L, ITEMS - 1L);

      Set<Integer> recorded = new HashSet<>();
      for (String line : Files.readAllLines(checkpoint)) {
        Matcher m = ACCEPTED.matcher(line);
        if (m.lookingAt()) {
          int from = Integer.parseInt(m.group(1));
          for (int p = from; p < from + Integer.parseInt(m.group(2)); p++) {
            recorded.add(p);
          }
        }
      }
      assertThat(recorded).isNotEmpty();

      try (YandexMarketClient client = YandexMarketClient.builder().baseUrl(server.url()).apiKey("ACMA:k")
          .rateLimit(RateLimitConfig.fromSpec().withQuota("updatePrices", RateLimitConfig.Quota.items(6000,
              Duration.ofSeconds(1), "offers"))).build()) {
        BulkWrite.Report<PriceWrites.PriceUpdate> resumed = PriceWrites.of(client, 7L, 9L,
            PriceWrites.Target.CAMPAIGN).job(BulkWritesTest.prices(ITEMS, 1)).checkpoint(checkpoint).parallel(4).run();
        assertThat(resumed.count(State.ACCEPTED)).isEqualTo(ITEMS);
      }

      List<String> ids = BulkWritesTest.prices(ITEMS, 1).stream().map(PriceWrites.PriceUpdate::offerId).toList();
      for (int p = 0; p < ITEMS; p++) {
        String id = ids.get(p);
        assertThat(server.changedTimes(id)).as("applied %s", id).isEqualTo(1);
        if (recorded.contains(p)) {
          assertThat(server.receivedTimes(id)).as("acknowledged %s received again", id).isEqualTo(1);
        } else {
          // sent by the killed run with its answer never recorded: sent again (a set: the same value)
          assertThat(server.receivedTimes(id)).as("received %s", id).isBetween(1, 2);
        }
      }
      // the resumed process cannot know what the killed one spent in the window it died in: its first request may
      // meet that spent window once (the limiter then learns the window from the answer); never more than once
      assertThat(server.quota420.get()).isLessThanOrEqualTo(1);
    }
  }
}
