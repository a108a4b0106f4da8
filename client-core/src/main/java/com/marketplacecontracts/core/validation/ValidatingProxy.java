package com.marketplacecontracts.core.validation;

import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.error.RequestValidationException.Violation;
import com.marketplacecontracts.core.operation.ApiOperation;
import com.marketplacecontracts.core.operation.Marketplace;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.validation.executable.ExecutableValidator;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Wraps a generated Retrofit API so every call's parameters and bodies are checked against the spec's constraints
 * (Bean Validation, Hibernate Validator) before a request is even built. A violation throws one
 * {@link RequestValidationException} listing every field, its value (unless secret) and the rule; nothing is sent.
 */
public final class ValidatingProxy {

  private static final Pattern SECRET = Pattern.compile("(?i).*(secret|token|password|apikey|api_key).*");
  private static final int MAX_VALUE_CHARS = 80;

  private ValidatingProxy() {
  }

  /** {@code target} behind a proxy of {@code api} that validates each call first. */
  @SuppressWarnings("unchecked")
  public static <T> T wrap(Class<T> api, T target, Validator validator, Marketplace marketplace) {
    ExecutableValidator executables = validator.forExecutables();
    return (T) Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, (proxy, method, args) -> {
      Object[] arguments = args == null ? new Object[0] : args;
      if (method.getDeclaringClass() != Object.class) {
        Set<ConstraintViolation<T>> violations = executables.validateParameters(target, method, arguments);
        if (!violations.isEmpty()) {
          throw new RequestValidationException(marketplace, operationId(method), describe(violations));
        }
      }
      try {
        return method.invoke(target, arguments);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    });
  }

  private static String operationId(Method method) {
    ApiOperation operation = method.getAnnotation(ApiOperation.class);
    return operation == null ? method.getName() : operation.id();
  }

  static <T> List<Violation> describe(Set<ConstraintViolation<T>> violations) {
    List<Violation> out = new ArrayList<>();
    for (ConstraintViolation<T> violation : violations) {
      String field = field(violation.getPropertyPath());
      out.add(new Violation(field, value(field, violation.getInvalidValue()), violation.getMessage()));
    }
    out.sort(Comparator.comparing(Violation::field).thenComparing(Violation::rule));
    return out;
  }

  /** {@code getOperations.getOperationsRequest.operationIds[0].<iterable element>} → {@code getOperationsRequest.operationIds[0]}. */
  private static String field(Path path) {
    StringBuilder out = new StringBuilder();
    for (Path.Node node : path) {
      switch (node.getKind()) {
        case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> {
          continue;
        }
        default -> {
        }
      }
      String name = node.getName();
      boolean element = name == null || name.startsWith("<");
      if (!element) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(name);
      }
      if (node.getIndex() != null) {
        out.append('[').append(node.getIndex()).append(']');
      } else if (node.getKey() != null) {
        out.append('[').append(node.getKey()).append(']');
      } else if (element && node.isInIterable()) {
        out.append("[]");
      }
    }
    return out.toString().replace("[][", "[");
  }

  private static String value(String field, Object value) {
    if (value == null) {
      return "null";
    }
    if (SECRET.matcher(field.toLowerCase(Locale.ROOT)).matches()) {
      return "***";
    }
    String text = value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
    return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS) + "...(" + text.length()
        + " chars)";
  }
}
