package com.marketplacecontracts.bench;

import com.marketplacecontracts.core.error.RateLimitedException;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.model.OperationType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * getOperations' documented quota (1,000 requests per hour) on a clock scaled 600×: a loopback server allows 100
 * requests per fixed 6 s window and answers 420 beyond it. The client calls as fast as it can for the run, once with
 * its rate limiter set to that quota and once with the limiter off; retries are off so every 420 is counted.
 */
final class QuotaUse {

  static final int QUOTA = 100;
  static final Duration WINDOW = Duration.ofSeconds(6);

  record Result(String mode, int ok, int rejected, double seconds, double allowedPerSecond) {
    double okPerSecond() {
      return ok / seconds;
    }

    double shareOfAllowed() {
      return okPerSecond() / allowedPerSecond;
    }
  }

  private QuotaUse() {
  }

  static List<Result> run(Duration duration) {
    return List.of(run("client rate limiter on", duration, true), run("client rate limiter off", duration, false));
  }

  private static Result run(String mode, Duration duration, boolean limiter) {
    long start = System.nanoTime();
    AtomicLong window = new AtomicLong(-1);
    AtomicInteger used = new AtomicInteger();
    byte[] ok = ("{\"status\":\"OK\",\"result\":{\"operations\":[{\"id\":\"op\",\"type\":\"ORDER_STATUS_UPDATE\","
        + "\"status\":\"DONE\"}]}}").getBytes(StandardCharsets.UTF_8);
    byte[] limited = "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"LIMIT_EXCEEDED\",\"message\":\"quota\"}]}"
        .getBytes(StandardCharsets.UTF_8);
    try (LoopbackServer server = new LoopbackServer(exchange -> {
      long current = (System.nanoTime() - start) / WINDOW.toNanos();
      synchronized (used) {
        if (window.getAndSet(current) != current) {
          used.set(0);
        }
        return used.incrementAndGet() <= QUOTA ? new LoopbackServer.Answer(200, ok)
            : new LoopbackServer.Answer(420, limited);
      }
    })) {
      RateLimitConfig rateLimit = limiter
          ? RateLimitConfig.fromSpec().withQuota("getOperations", RateLimitConfig.Quota.requests(QUOTA, WINDOW))
              .withMaxWait(Duration.ofMinutes(1))
          : RateLimitConfig.disabled();
      YandexMarketClient client = YandexMarketClient.builder().baseUrl(server.url()).apiKey("bench-key")
          .retry(RetryConfig.none()).rateLimit(rateLimit).build();
      int okCount = 0;
      int rejected = 0;
      long deadline = start + duration.toNanos();
      while (System.nanoTime() < deadline) {
        try {
          client.operationStatuses(1L, OperationType.ORDER_STATUS_UPDATE, List.of("op"));
          okCount++;
        } catch (RateLimitedException e) {
          rejected++;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Result(mode, okCount, rejected, seconds, QUOTA / (double) WINDOW.toSeconds());
    }
  }
}
