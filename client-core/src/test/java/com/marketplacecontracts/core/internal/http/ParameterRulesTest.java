package com.marketplacecontracts.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.error.RequestValidationException.Violation;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.core.operation.Secret;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParameterRulesTest {

  interface Other {
  }

  static final class Body {
    @NotNull
    String name;
  }

  /** The shapes of the generated APIs' parameter constraints, and some the rules leave to the validator. */
  interface Shapes {
    String ids(@NotNull @Min(1L) Long campaignId, @Min(1) @Max(50) Integer limit);

    String set(@Size(min = 1, max = 3) Set<@Min(1L) Long> ids);

    String skus(Set<@Pattern(regexp = "^(?=.*\\S.*)[^\\x00-\\x08\\x0A-\\x1f\\x7f]{1,255}$") @Size(min = 1, max = 5)
        String> offerId);

    String report(@Secret @NotNull @Size(min = 1, max = 4) String reportId);

    String orders(@Size(min = 1, max = 2) List<Long> orderIds, @Max(10000) Integer page);

    String primitives(@Min(1) long id, @Max(5) int count, short plain);

    String decimal(@NotNull @DecimalMin(value = "0", inclusive = false) Long categoryId);

    String body(@Valid @NotNull Body body);

    String map(Map<String, @Min(1) Long> values);

    String group(@Min(value = 1, groups = Other.class) Long id);

    String nested(List<List<@Min(1) Long>> values);

    String onDouble(@Min(1) Double value);

    String caseless(@Pattern(regexp = "a+", flags = Pattern.Flag.CASE_INSENSITIVE) String value);
  }

  private static final Set<String> VALIDATOR_ONLY = Set.of("decimal", "body", "map", "group", "nested", "onDouble");

  private static Method method(String name) {
    return Arrays.stream(Shapes.class.getMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
  }

  private static final Shapes TARGET = (Shapes) java.lang.reflect.Proxy.newProxyInstance(
      Shapes.class.getClassLoader(), new Class<?>[] {Shapes.class}, (proxy, m, args) -> "sent");

  /** The rules pass a call exactly when the validator finds nothing in it, value by value around every bound. */
  @Test
  void passExactlyWhatTheValidatorPasses() {
    Map<String, List<Object[]>> calls = Map.of(
        "ids", combinations(Arrays.asList(null, 0L, 1L, 2L, Long.MIN_VALUE, Long.MAX_VALUE),
            Arrays.asList(null, 0, 1, 50, 51, Integer.MIN_VALUE)),
        "set", combinations(Arrays.asList(null, Set.of(), Set.of(1L), Set.of(0L), Set.of(1L, 2L, 3L),
            Set.of(1L, 2L, 3L, 4L), set(1L, null), Set.of(-5L, 7L))),
        "skus", combinations(Arrays.asList(null, Set.of(), Set.of("a"), Set.of(" "), Set.of("abcde"),
            Set.of("abcdef"), Set.of("a\tb"), Set.of("a\nb"), Set.of(""), set("ok", null), Set.of("ok", "a\u0001"))),
        "report", combinations(Arrays.asList(null, "", "a", "abcd", "abcde")),
        "orders", combinations(Arrays.asList(null, List.of(), List.of(1L), List.of(1L, 2L), List.of(1L, 2L, 3L)),
            Arrays.asList(null, 10000, 10001, -1)),
        "primitives", combinations(List.of(0L, 1L, Long.MAX_VALUE), List.of(5, 6, -6), List.of((short) -1)),
        "caseless", combinations(Arrays.asList(null, "a", "AAA", "ab", "")));
    for (Method method : Shapes.class.getMethods()) {
      ParameterRules rules = ParameterRules.of(Shapes.class, method);
      if (VALIDATOR_ONLY.contains(method.getName())) {
        assertThat(rules).as(method.getName()).isSameAs(ParameterRules.VALIDATOR_ONLY);
        continue;
      }
      assertThat(rules).as(method.getName()).isNotSameAs(ParameterRules.VALIDATOR_ONLY);
      List<Object[]> arguments = calls.get(method.getName());
      assertThat(arguments).as(method.getName()).isNotNull();
      int failing = 0;
      for (Object[] args : arguments) {
        boolean valid = Validators.shared().forExecutables().validateParameters(TARGET, method, args).isEmpty();
        assertThat(rules.pass(args)).as(method.getName() + Arrays.deepToString(args)).isEqualTo(valid);
        failing += valid ? 0 : 1;
      }
      assertThat(failing).as(method.getName() + ": some calls fail").isPositive().isLessThan(arguments.size());
    }
  }

  @Test
  void rulesNeverPassForAMethodTheyDoNotCover() {
    ParameterRules rules = ParameterRules.of(Shapes.class, method("decimal"));
    assertThat(rules.pass(new Object[] {5L})).isFalse();
  }

  interface Inherited extends Shapes {
  }

  @Test
  void aMethodThatCouldInheritConstraintsIsLeftToTheValidator() {
    assertThat(ParameterRules.of(Inherited.class, method("ids"))).isSameAs(ParameterRules.VALIDATOR_ONLY);
  }

  /** Through the proxy: a passing call is sent; a failing one reports the validator's violations, nothing sent. */
  @Test
  void theProxyReportsTheValidatorsViolationsAndSendsNothing() {
    AtomicInteger sent = new AtomicInteger();
    Shapes api = ValidatingProxy.wrap(Shapes.class, (Shapes) java.lang.reflect.Proxy.newProxyInstance(
        Shapes.class.getClassLoader(), new Class<?>[] {Shapes.class}, (proxy, m, args) -> {
          sent.incrementAndGet();
          return "sent";
        }), Validators::shared, Marketplace.YANDEX_MARKET);
    assertThat(api.ids(1L, 50)).isEqualTo("sent");
    assertThat(api.set(Set.of(1L))).isEqualTo("sent");
    assertThatThrownBy(() -> api.ids(0L, 51))
        .isInstanceOfSatisfying(RequestValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::field, Violation::value, Violation::rule)
            .containsExactly(tuple("campaignId", "0", "must be greater than or equal to 1"),
                tuple("limit", "51", "must be less than or equal to 50")));
    assertThatThrownBy(() -> api.set(Set.of(0L)))
        .isInstanceOfSatisfying(RequestValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::field, Violation::rule)
            .containsExactly(tuple("ids[]", "must be greater than or equal to 1")));
    assertThatThrownBy(() -> api.report("abcde"))
        .isInstanceOfSatisfying(RequestValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::field, Violation::value, Violation::rule)
            .containsExactly(tuple("reportId", "***", "size must be between 1 and 4")));
    assertThat(sent).hasValue(2);
  }

  @SafeVarargs
  private static <T> Set<T> set(T... values) {
    return new LinkedHashSet<>(Arrays.asList(values));
  }

  /** Every combination of one value from each list. */
  private static List<Object[]> combinations(List<?>... values) {
    List<Object[]> out = new ArrayList<>();
    out.add(new Object[0]);
    for (List<?> options : values) {
      List<Object[]> next = new ArrayList<>();
      for (Object[] prefix : out) {
        for (Object option : options) {
          Object[] longer = Arrays.copyOf(prefix, prefix.length + 1);
          longer[prefix.length] = option;
          next.add(longer);
        }
      }
      out = next;
    }
    return out;
  }
}
