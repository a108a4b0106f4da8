package com.marketplacecontracts.core.http;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;

/** Test helper: an API shaped like the generated ones, to exercise the runtime without a marketplace. */
public interface TestApi {

  @ApiOperation(id = "read", method = "GET", path = "items/{campaignId}", idempotent = true, quotaUnit = "resp",
      quotas = {
          @ApiOperation.Quota(tier = "none", amount = 100, period = "minutes"),
          @ApiOperation.Quota(tier = "medium", amount = 600, period = "minutes")})
  @GET("items/{campaignId}")
  Call<Map<String, Object>> read(@Path("campaignId") @NotNull @Min(1L) Long campaignId);

  @ApiOperation(id = "batch", method = "POST", path = "batches/{campaignId}", idempotent = true)
  @POST("batches/{campaignId}")
  Call<Map<String, Object>> batch(@Path("campaignId") Long campaignId, @Body Map<String, Object> body);

  @ApiOperation(id = "list", method = "GET", path = "list", idempotent = true, quotaUnit = "req.limit",
      quotas = @ApiOperation.Quota(tier = "none", amount = 1000, period = "minutes"))
  @GET("list")
  Call<Map<String, Object>> list(@Query("limit") Integer limit);

  @ApiOperation(id = "hourly", method = "GET", path = "hourly", idempotent = true, quotaUnit = "resp",
      quotas = {
          @ApiOperation.Quota(tier = "none", amount = 1000, period = "hours"),
          @ApiOperation.Quota(tier = "medium", amount = 60, period = "minutes", periodDuration = 1)})
  @GET("hourly")
  Call<Map<String, Object>> hourly();

  @Deprecated
  @ApiOperation(id = "old", method = "GET", path = "old", idempotent = true, replacementOperationId = "read",
      shutdownDate = "2026-03-12")
  @GET("old")
  Call<Map<String, Object>> old();

  @ApiOperation(id = "write", method = "POST", path = "items")
  @POST("items")
  Call<Map<String, Object>> write(@Body Map<String, Object> body);
}
