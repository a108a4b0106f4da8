package com.marketplacecontracts.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.error.RequestValidationException.Violation;
import com.marketplacecontracts.core.operation.ApiOperation;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.core.operation.Secret;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValidatingProxyTest {

  /** A body whose secrecy comes from the spec's {@code x-secret}, not from what its fields are called. */
  static final class Login {
    @Secret
    @Size(min = 8)
    String password;

    @Size(min = 8)
    String tokenName;

    Login(String password, String tokenName) {
      this.password = password;
      this.tokenName = tokenName;
    }
  }

  interface LoginApi {
    @ApiOperation(id = "login")
    String login(@Valid Login body, @Secret @Size(min = 8) String key);
  }

  private final LoginApi api = ValidatingProxy.wrap(LoginApi.class, (body, key) -> "sent",
      Validators::shared, Marketplace.TEEZ);

  @Test
  void onlyValuesTheSpecMarksSecretAreHidden() {
    assertThatThrownBy(() -> api.login(new Login("hunter2", "short"), "k3y"))
        .isInstanceOfSatisfying(RequestValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::field, Violation::value)
            .containsExactly(tuple("body.password", "***"), tuple("body.tokenName", "\"short\""),
                tuple("key", "***")))
        .hasMessageNotContaining("hunter2").hasMessageNotContaining("k3y");
  }

  static final class Price {
    @Min(1)
    Long value;

    Price(long value) {
      this.value = value;
    }
  }

  static final class Offer {
    @Size(max = 5)
    String offerId;

    @Valid
    Price price;

    Offer(String offerId, long price) {
      this.offerId = offerId;
      this.price = new Price(price);
    }
  }

  /** Every kind of container a generated model nests: lists of beans, maps, lists of lists, element constraints. */
  static final class Prices {
    List<@Valid Offer> offers;
    Map<@Size(max = 4) String, @Valid Price> byShop;
    List<List<@Valid Price>> grid;
    List<@Size(max = 3) String> ids;
    Set<@Size(max = 3) String> tags;
  }

  interface PricesApi {
    @ApiOperation(id = "setPrices")
    String set(@Valid Prices body);
  }

  @Test
  void aNestedElementsIndexOrKeyFollowsItsContainerNotTheNextProperty() {
    PricesApi prices = ValidatingProxy.wrap(PricesApi.class, body -> "sent", Validators::shared, Marketplace.TEEZ);
    Prices body = new Prices();
    body.offers = List.of(new Offer("a", 5), new Offer("b", -5), new Offer("too-long", 1));
    body.byShop = new LinkedHashMap<>(Map.of("s-1", new Price(-1)));
    body.byShop.put("shop-2", new Price(3));
    body.grid = List.of(List.of(new Price(1)), List.of(new Price(2), new Price(0)));
    body.ids = List.of("a", "b", "long");
    body.tags = new LinkedHashSet<>(List.of("x", "long"));

    assertThatThrownBy(() -> prices.set(body))
        .isInstanceOfSatisfying(RequestValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::field, Violation::value)
            .containsExactly(
                tuple("body.byShop<key>[shop-2]", "\"shop-2\""),
                tuple("body.byShop[s-1].value", "-1"),
                tuple("body.grid[1][1].value", "0"),
                tuple("body.ids[2]", "\"long\""),
                tuple("body.offers[1].price.value", "-5"),
                tuple("body.offers[2].offerId", "\"too-long\""),
                tuple("body.tags[]", "\"long\"")));
  }

  @Test
  void aLongKeyOrValueIsCutBetweenCodePointsNeverInsideAnEmoji() {
    PricesApi prices = ValidatingProxy.wrap(PricesApi.class, body -> "sent", Validators::shared, Marketplace.TEEZ);
    String emoji = "\uD83D\uDE00";
    // the path keeps 80 characters of a key: the emoji's high half is the 80th of the first key
    String inPath = "k".repeat(79) + emoji;
    // the value keeps 80 characters of the quoted key: the emoji's high half is the 80th of the second one's
    String inValue = "k".repeat(78) + emoji + "z";
    Prices body = new Prices();
    body.byShop = new LinkedHashMap<>();
    body.byShop.put(inPath, new Price(3));
    body.byShop.put(inValue, new Price(3));

    assertThatThrownBy(() -> prices.set(body))
        .isInstanceOfSatisfying(RequestValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::field, Violation::value)
            .containsExactlyInAnyOrder(
                tuple("body.byShop<key>[" + "k".repeat(79) + "...]", "\"" + "k".repeat(79) + "...(83 chars)"),
                tuple("body.byShop<key>[" + "k".repeat(78) + emoji + "...]",
                    "\"" + "k".repeat(78) + "...(83 chars)")));
  }
}
