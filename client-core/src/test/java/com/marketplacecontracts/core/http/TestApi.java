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

  @ApiOperation(id = "read", method = "GET", path = "items/{accountId}", idempotent = true,
      rateLimitRequests = 100, rateLimitPer = "minute")
  @GET("items/{accountId}")
  Call<Map<String, Object>> read(@Path("accountId") @NotNull @Min(1L) Long accountId);

  @ApiOperation(id = "list", method = "GET", path = "list", idempotent = true, rateLimitItems = 1000,
      rateLimitPer = "minute")
  @GET("list")
  Call<Map<String, Object>> list(@Query("limit") Integer limit);

  @ApiOperation(id = "write", method = "POST", path = "items")
  @POST("items")
  Call<Map<String, Object>> write(@Body Map<String, Object> body);
}
