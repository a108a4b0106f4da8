package com.marketplacecontracts.core.http;

import com.marketplacecontracts.core.operation.ApiOperation;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.util.Map;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;

/** Test helper: an API shaped like the generated ones, to exercise the runtime without a marketplace. */
public interface TestApi {

  @ApiOperation(id = "read", idempotent = true, quotaUnit = "resp",
      quotas = {
          @ApiOperation.Quota(tier = "none", amount = 100, period = "minutes"),
          @ApiOperation.Quota(tier = "medium", amount = 600, period = "minutes")})
  @GET("items/{campaignId}")
  MarketplaceCall<Map<String, Object>> read(@Path("campaignId") @NotNull @Min(1L) Long campaignId);

  @ApiOperation(id = "batch", idempotent = true, parallelLimit = 2)
  @POST("batches/{campaignId}")
  MarketplaceCall<Map<String, Object>> batch(@Path("campaignId") Long campaignId, @Body Map<String, Object> body);

  @ApiOperation(id = "list", idempotent = true, quotaUnit = "req.limit",
      quotas = @ApiOperation.Quota(tier = "none", amount = 1000, period = "minutes"))
  @GET("list")
  MarketplaceCall<Map<String, Object>> list(@Query("limit") Integer limit);

  @ApiOperation(id = "hourly", idempotent = true, quotaUnit = "resp",
      quotas = {
          @ApiOperation.Quota(tier = "none", amount = 1000, period = "hours"),
          @ApiOperation.Quota(tier = "medium", amount = 60, period = "minutes", periodDuration = 1)})
  @GET("hourly")
  MarketplaceCall<Map<String, Object>> hourly();

  @Deprecated
  @ApiOperation(id = "old", idempotent = true, replacementOperationId = "read",
      shutdownDate = "2026-03-12")
  @GET("old")
  MarketplaceCall<Map<String, Object>> old();

  @ApiOperation(id = "amount", idempotent = true)
  @GET("amount")
  MarketplaceCall<BigDecimal> amount();

  @ApiOperation(id = "write")
  @POST("items")
  MarketplaceCall<Map<String, Object>> write(@Body Map<String, Object> body);
}
