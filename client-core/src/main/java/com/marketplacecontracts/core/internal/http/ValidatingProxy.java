package com.marketplacecontracts.core.internal.http;

import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.error.RequestValidationException.Violation;
import com.marketplacecontracts.core.internal.Text;
import com.marketplacecontracts.core.operation.ApiOperation;
import com.marketplacecontracts.core.operation.Secret;
import com.marketplacecontracts.core.operation.Marketplace;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Wraps a generated Retrofit API so every call's parameters and bodies are checked against the spec's constraints
 * (Bean Validation, Hibernate Validator) before a request is even built: first by the method's
 * {@link ParameterRules}, then by the validator when they fail or do not cover the method, so every violation
 * reported is the validator's. A violation throws one {@link RequestValidationException} listing every field, its
 * value and the rule; nothing is sent. A value the spec marks {@code x-secret} (a {@link Secret} field or
 * parameter) shows as {@code ***}.
 */
public final class ValidatingProxy {

  private static final int MAX_VALUE_CHARS = 80;

  private ValidatingProxy() {
  }

  /**
   * {@code target} behind a proxy of {@code api} that validates each call first; {@code validator} is asked for only
   * when a call's parameters fail or escape their {@link ParameterRules}, so most processes never start one.
   */
  @SuppressWarnings("unchecked")
  public static <T> T wrap(Class<T> api, T target, Supplier<Validator> validator, Marketplace marketplace) {
    Map<Method, ParameterRules> rules = new ConcurrentHashMap<>();
    return (T) Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, (proxy, method, args) -> {
      Object[] arguments = args == null ? new Object[0] : args;
      if (method.getDeclaringClass() != Object.class
          && !rules.computeIfAbsent(method, m -> ParameterRules.of(api, m)).pass(arguments)) {
        Set<ConstraintViolation<T>> violations = validator.get().forExecutables().validateParameters(target, method,
            arguments);
        if (!violations.isEmpty()) {
          throw new RequestValidationException(marketplace, operationId(method), describe(violations, method));
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

  static <T> List<Violation> describe(Set<ConstraintViolation<T>> violations, Method method) {
    List<Violation> out = new ArrayList<>();
    for (ConstraintViolation<T> violation : violations) {
      String field = field(violation.getPropertyPath());
      String value = secret(violation, method) ? "***" : value(violation.getInvalidValue());
      out.add(new Violation(field, value, violation.getMessage()));
    }
    out.sort(Comparator.comparing(Violation::field).thenComparing(Violation::rule));
    return out;
  }

  /**
   * The violated field as a path into the call: {@code updatePricesRequest.offers[0].price.value},
   * {@code getOperationsRequest.operationIds[0]}, {@code body.byShop[s-1].value}, {@code body.grid[1][0].value},
   * {@code body.tags[]} (a set's element has no index), {@code body.byShop<key>[s-1]} (a map's key itself). Hibernate
   * Validator puts an element's index or key on the node after its container ({@code offers}, then {@code price} at
   * index 0), so the brackets go before that node's name; container-element nodes ({@code <list element>}) add no
   * name; the method's own node is left out.
   */
  static String field(Path path) {
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
      if (node.isInIterable()) {
        if ("<map key>".equals(name)) {
          out.append("<key>");
        }
        Object at = node.getIndex() != null ? node.getIndex() : node.getKey();
        out.append('[').append(at == null ? "" : cut(String.valueOf(at))).append(']');
      }
      if (name != null && !name.startsWith("<")) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(name);
      }
    }
    return out.toString();
  }

  private static String cut(String text) {
    return Text.cut(text, MAX_VALUE_CHARS, Text.MORE);
  }

  /** Whether the violated property, or else parameter, of {@code method} is one the spec marks secret. */
  private static boolean secret(ConstraintViolation<?> violation, Method method) {
    Path.Node property = null;
    Path.Node parameter = null;
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == ElementKind.PROPERTY) {
        property = node;
      } else if (node.getKind() == ElementKind.PARAMETER) {
        parameter = node;
      }
    }
    if (property != null) {
      Object bean = violation.getLeafBean();
      for (Class<?> type = bean == null ? null : bean.getClass(); type != null; type = type.getSuperclass()) {
        for (Field field : type.getDeclaredFields()) {
          if (field.getName().equals(property.getName())) {
            return field.isAnnotationPresent(Secret.class);
          }
        }
      }
      return false;
    }
    return parameter != null && method.getParameters()[parameter.as(Path.ParameterNode.class).getParameterIndex()]
        .isAnnotationPresent(Secret.class);
  }

  private static String value(Object value) {
    if (value == null) {
      return "null";
    }
    String text = value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
    return Text.cut(text, MAX_VALUE_CHARS, "...(" + text.length() + " chars)");
  }
}
