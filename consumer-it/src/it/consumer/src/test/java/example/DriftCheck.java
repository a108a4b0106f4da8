package example;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.drift.DriftReport;
import com.marketplacecontracts.drift.Severity;
import com.marketplacecontracts.drift.SpecDrift;
import com.marketplacecontracts.drift.SpecLoader;

/** The README's spec-drift call, compiled (it reads a published spec over the network, so no test runs it here). */
final class DriftCheck {

  private DriftCheck() {
  }

  static DriftReport publishedYandexSpecKeepsOurs() {
    DriftReport report = SpecDrift.create()                     // or new SpecDrift(clock, mappedFields)
        .compare(SpecLoader.curated(Marketplace.YANDEX_MARKET),
            SpecLoader.load("https://.../openapi/openapi.yaml"));
    assertThat(report.findings(Severity.BREAKING)).isEmpty();   // ReportFormat.MARKDOWN.render(report) for a comment
    return report;
  }
}
