package com.marketplacecontracts.mock.junit;

import com.marketplacecontracts.mock.PrismServer;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** The extension behind {@link MarketplaceMock}; not used directly. */
public final class MarketplaceMockExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(MarketplaceMockExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    mock(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    mock(context).testStarted();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    MockedMarketplace mock = mock(context);
    List<String> log = mock.logOfTest();
    // Only the requests are the test's doing: Prism also checks its own answers (a body generated from a recursive
    // schema breaks it at the depth where generation stops), and those must not fail a user's test.
    List<String> violations = PrismServer.violations(log);
    boolean allowed = !settings(context).failOnViolations()
        || context.getTestMethod().map(method -> method.isAnnotationPresent(AllowRequestViolations.class))
            .orElse(false);
    if (!violations.isEmpty() && !allowed) {
      int answers = PrismServer.answerViolations(log).size();
      throw new AssertionError("Prism saw " + violations.size() + " violation(s) of " + mock.spec().file()
          + " in the test's requests:\n  " + String.join("\n  ", violations)
          + (answers == 0 ? "" : "\n(and " + answers + " in its own answers, which are not the test's doing:"
              + " MockedMarketplace.answerViolations() lists them)"));
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == MockedMarketplace.class
        || (parameter.isAnnotated(MockBaseUrl.class) && (type == String.class || type == URI.class));
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    MockedMarketplace mock = mock(context);
    Class<?> type = parameter.getParameter().getType();
    if (type == MockedMarketplace.class) {
      return mock;
    }
    return type == URI.class ? URI.create(mock.baseUrl()) : mock.baseUrl();
  }

  private static MarketplaceMock settings(ExtensionContext context) {
    for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getEnclosingClass()) {
      var found = AnnotationSupport.findAnnotation(type, MarketplaceMock.class);
      if (found.isPresent()) {
        return found.get();
      }
    }
    throw new ExtensionConfigurationException("@MarketplaceMock is missing on " + context.getRequiredTestClass());
  }

  /** One mock per annotated class, closed with the class's extension context. */
  private static MockedMarketplace mock(ExtensionContext context) {
    MarketplaceMock settings = settings(context);
    ExtensionContext owner = context;
    while ((owner.getTestMethod().isPresent()
        || !owner.getTestClass().map(type -> type.isAnnotationPresent(MarketplaceMock.class)).orElse(false))
        && owner.getParent().isPresent()) {
      owner = owner.getParent().get();
    }
    return owner.getStore(NAMESPACE).getOrComputeIfAbsent(Running.class,
        key -> new Running(new MockedMarketplace(settings.value(),
            PrismServer.start(settings.value(), settings.dynamic()))),
        Running.class).mock;
  }

  /**
   * Stops Prism when the class's context closes (AutoCloseable for JUnit 5.13+, CloseableResource before: the
   * deprecated interface stays so that a user's older JUnit 5 closes it too).
   */
  @SuppressWarnings("deprecation")
  private record Running(MockedMarketplace mock)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      mock.server().close();
    }
  }
}
