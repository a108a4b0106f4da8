package com.marketplacecontracts.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.contract.prism.PrismExtension;
import com.marketplacecontracts.contract.prism.WireTap;
import com.marketplacecontracts.core.http.Download;
import com.marketplacecontracts.core.http.OperationIndex;
import com.marketplacecontracts.core.http.SampleArguments;
import com.marketplacecontracts.core.ratelimit.RateLimitConfig;
import com.marketplacecontracts.core.retry.RetryConfig;
import com.marketplacecontracts.yandex.YandexMarketClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * By hand, not in the build (a clone has no copy of the marketplace's document): every covered operation called
 * once with valid input against Prism started on the marketplace's own published document —
 * {@code ./mvnw -pl contract-tests verify -Dtest=UpstreamDocumentRunTest -Dupstream.spec=/abs/path/openapi.yaml}.
 * Fails on any request Prism finds in violation of that document or any answer that does not decode; the counts
 * go to {@code target/upstream-run.txt}.
 */
@EnabledIfSystemProperty(named = "upstream.spec", matches = ".+")
class UpstreamDocumentRunTest {

  @RegisterExtension
  static final PrismExtension UPSTREAM = new PrismExtension(System.getProperty("upstream.spec", "unused"));

  @Test
  void everyCoveredOperationWithValidInputMeetsThePublishedDocument() throws IOException {
    WireTap tap = new WireTap();
    List<String> violations = new ArrayList<>();
    List<String> undecoded = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    int called = 0;
    try (YandexMarketClient market = YandexMarketClient.builder().baseUrl(UPSTREAM.server().baseUrl())
        .okHttpClient(new OkHttpClient.Builder().addNetworkInterceptor(tap).build())
        .retry(RetryConfig.none()).rateLimit(RateLimitConfig.disabled()).apiKey("ACMA:upstream-run").build()) {
      for (OperationIndex.Operation op : YandexMarketClient.operationIndex().all()) {
        tap.clear();
        called++;
        try {
          Object answer = OperationIndex.invoke(market.api(op.api()), op, SampleArguments.of(op.method())).execute();
          if (answer instanceof Download download) {
            download.delete();
          }
        } catch (RuntimeException e) {
          // Prism answers 404 "no path matched" for what the document does not have (legacy, ahead of it).
          boolean notInDocument = String.valueOf(e.getMessage()).contains("NO_PATH_MATCHED");
          (notInDocument ? absent : undecoded).add(op.id() + ": " + e);
        }
        tap.requestViolations().forEach(x -> violations.add(op.id() + ": " + x.violations()));
      }
    }
    List<String> report = new ArrayList<>();
    report.add("operations called: " + called);
    report.add("request violations: " + violations.size());
    report.add("answers not decoded: " + undecoded.size());
    report.add("not in the published document (legacy, ahead of it): " + absent.size());
    report.addAll(violations);
    report.addAll(undecoded);
    report.addAll(absent);
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "upstream-run.txt"), report);
    report.forEach(System.out::println);

    assertThat(violations).isEmpty();
    assertThat(undecoded).isEmpty();
  }
}
