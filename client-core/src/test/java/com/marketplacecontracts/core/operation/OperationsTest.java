package com.marketplacecontracts.core.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import retrofit2.Invocation;
import retrofit2.http.Body;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;

/** The facts read from a call's method and arguments, the same on every call of the method (they are cached). */
class OperationsTest {

  interface Api {
    @POST("v2/businesses/{businessId}/things")
    Object things(@Path("businessId") Long businessId, @Query("limit") Integer limit, @Body Filter filter);

    @POST("v2/things")
    Object bodyOnly(@Body Filter filter);
  }

  public static final class Filter {
    private final Long campaignId;
    private final List<String> offerIds;

    Filter(Long campaignId, List<String> offerIds) {
      this.campaignId = campaignId;
      this.offerIds = offerIds;
    }

    public Long getCampaignId() {
      return campaignId;
    }

    public List<String> offerIds() {
      return offerIds;
    }
  }

  @SuppressWarnings("deprecation") // a request tagged as Retrofit tags it; the newer Invocation.of needs a service instance a test does not have
  private static Request request(String url, String method, Object... arguments) throws Exception {
    Method declared = Arrays.stream(Api.class.getMethods()).filter(m -> m.getName().equals(method)).findFirst()
        .orElseThrow();
    return new Request.Builder().url(url).tag(Invocation.class, Invocation.of(declared, Arrays.asList(arguments)))
        .build();
  }

  @Test
  void accountParametersAreFoundInThePathTheQueryAndTheBodyOnEveryCall() throws Exception {
    for (int call = 0; call < 3; call++) {
      Request things = request("http://h/v2/businesses/7/things?limit=5&campaignId=9", "things", 7L, 5,
          new Filter(11L, List.of("a", "b")));
      assertThat(Operations.accountParameter(things, "businessId")).isEqualTo(7L);
      assertThat(Operations.accountParameter(things, "campaignId")).isEqualTo("9");
      assertThat(Operations.pathParameters(things)).containsExactly(java.util.Map.entry("businessId", 7L));
      assertThat(Operations.bodyItems(things, "offerIds")).isEqualTo(2);

      Request body = request("http://h/v2/things", "bodyOnly", new Filter(11L, List.of("a")));
      assertThat(Operations.accountParameter(body, "campaignId")).isEqualTo(11L);
      assertThat(Operations.accountParameter(body, "businessId")).isNull();
      assertThat(Operations.bodyItems(body, "missing")).isZero();
      assertThat(Operations.pathParameters(body)).isEmpty();

      Request nullBody = request("http://h/v2/things", "bodyOnly", new Object[] {null});
      assertThat(Operations.accountParameter(nullBody, "campaignId")).isNull();
      assertThat(Operations.bodyItems(nullBody, "offerIds")).isZero();
    }
    assertThat(Operations.accountParameter(new Request.Builder().url("http://h/?campaignId=3").build(), "campaignId"))
        .isEqualTo("3");
  }
}
