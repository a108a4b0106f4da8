package com.marketplacecontracts.model.teez;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacecontracts.model.AsyncJob;
import com.marketplacecontracts.model.Issue;
import com.marketplacecontracts.model.JobState;
import com.marketplacecontracts.model.Listing;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.model.MarketplaceError;
import com.marketplacecontracts.model.ModerationState;
import com.marketplacecontracts.model.SeedFiles;
import com.marketplacecontracts.teez.model.ExtendedProblemDetails;
import com.marketplacecontracts.teez.model.GetExternalImportStatusApiResponse;
import com.marketplacecontracts.teez.model.ImportProductDto2;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TeezMapperTest {

  @Test
  void seedProblemDetailsMapFieldByField() {
    ExtendedProblemDetails problem = SeedFiles.decode("teez-client", "000-import-info-400.json",
        ExtendedProblemDetails.class);

    MarketplaceError error = TeezMapper.error(problem, 0);

    assertThat(error.marketplace()).isEqualTo(Marketplace.TEEZ);
    assertThat(error.httpStatus()).isEqualTo(400);
    assertThat(error.issues()).containsExactly(
        new Issue("VALIDATION_ERROR", "Invalid request parameters", null),
        new Issue("PageSize", "PageSize must be > 0", "pageSize"));
  }

  @Test
  void plainProblemDetailsUseTitleAndDetail() {
    ExtendedProblemDetails problem = new ExtendedProblemDetails().title("Unauthorized").detail("expired");

    MarketplaceError error = TeezMapper.error(problem, 401);

    assertThat(error.httpStatus()).isEqualTo(401);
    assertThat(error.issues()).containsExactly(new Issue("Unauthorized", "expired", null));
  }

  @Test
  void anImportMapsEveryProductAndSkuFieldByField() {
    GetExternalImportStatusApiResponse response = SeedFiles.decodeJson("{\"products\":["
        + "{\"index\":0,\"productId\":987654,\"status\":\"Created\",\"errors\":[],"
        + "\"skus\":[{\"index\":0,\"skuId\":1234567,\"status\":\"Created\",\"errors\":[]}]},"
        + "{\"index\":1,\"productId\":null,\"status\":\"Failed\",\"errors\":[{\"code\":\"REQUIRED\","
        + "\"description\":\"Name is required\",\"field\":\"name\"}],\"skus\":[]}]}",
        GetExternalImportStatusApiResponse.class);

    AsyncJob job = TeezMapper.importJob(42L, response);

    assertThat(job.marketplace()).isEqualTo(Marketplace.TEEZ);
    assertThat(job.id()).isEqualTo("42");
    assertThat(job.type()).isEqualTo(TeezMapper.PRODUCT_IMPORT);
    assertThat(job.state()).isEqualTo(JobState.FAILED);
    assertThat(job.rawState()).isEqualTo("Created×1, Failed×1");
    Listing created = job.results().get(0);
    assertThat(created.requestIndex()).isZero();
    assertThat(created.productId()).isEqualTo(987654L);
    assertThat(created.state()).isEqualTo(ModerationState.ACCEPTED);
    assertThat(created.rawState()).isEqualTo("Created");
    assertThat(created.issues()).isEmpty();
    assertThat(created.variants()).singleElement().satisfies(sku -> {
      assertThat(sku.requestIndex()).isZero();
      assertThat(sku.variantId()).isEqualTo(1234567L);
      assertThat(sku.state()).isEqualTo(ModerationState.ACCEPTED);
      assertThat(sku.rawState()).isEqualTo("Created");
    });
    Listing failed = job.results().get(1);
    assertThat(failed.requestIndex()).isEqualTo(1);
    assertThat(failed.productId()).isNull();
    assertThat(failed.state()).isEqualTo(ModerationState.NEEDS_ACTION);
    assertThat(failed.issues()).containsExactly(new Issue("REQUIRED", "Name is required", "name"));
  }

  @Test
  void jobStateFollowsItsProducts() {
    assertThat(TeezMapper.importJob(1, new GetExternalImportStatusApiResponse()).state())
        .isEqualTo(JobState.IN_PROGRESS);
    assertThat(TeezMapper.importJob(1, job("Created", "Pending")).state()).isEqualTo(JobState.IN_PROGRESS);
    assertThat(TeezMapper.importJob(1, job("Created", "Updated")).state()).isEqualTo(JobState.DONE);
    assertThat(TeezMapper.importJob(1, job("Created", "Teleported")).state()).isEqualTo(JobState.UNKNOWN);
  }

  @Test
  void unknownStatusesMapToUnknownAndKeepTheRawValue() {
    Listing listing = TeezMapper.listing(new ImportProductDto2().status("Teleported"));

    assertThat(listing.state()).isEqualTo(ModerationState.UNKNOWN);
    assertThat(listing.rawState()).isEqualTo("Teleported");
  }

  @Test
  void everyNullableFieldMayBeNull() {
    Listing listing = TeezMapper.listing(new ImportProductDto2());

    assertThat(listing.state()).isEqualTo(ModerationState.UNKNOWN);
    assertThat(listing.issues()).isEmpty();
    assertThat(listing.variants()).isEmpty();
    assertThat(TeezMapper.error(new ExtendedProblemDetails(), 500).issues()).isEmpty();
    assertThat(TeezMapper.importJob(3, null).results()).isEmpty();
  }

  private static GetExternalImportStatusApiResponse job(String... statuses) {
    return new GetExternalImportStatusApiResponse().products(Arrays.stream(statuses)
        .map(status -> new ImportProductDto2().status(status)).toList());
  }
}
