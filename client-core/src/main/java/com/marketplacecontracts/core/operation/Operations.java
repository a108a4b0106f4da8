package com.marketplacecontracts.core.operation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.Request;
import retrofit2.Invocation;
import retrofit2.http.Body;
import retrofit2.http.Path;
import java.lang.reflect.Array;
import java.util.Collection;

/**
 * Reads the spec's facts about the operation behind a request, from the generated method Retrofit tagged it with,
 * and the marketplace the client's runtime tagged it with.
 */
public final class Operations {

  private Operations() {
  }

  /** The operation's annotation, or {@code null} for a request not made through a generated API. */
  public static ApiOperation of(Request request) {
    Invocation invocation = request.tag(Invocation.class);
    return invocation == null ? null : invocation.method().getAnnotation(ApiOperation.class);
  }

  /** The spec's operationId, or {@code unknown}. */
  public static String id(Request request) {
    ApiOperation operation = of(request);
    return operation == null ? "unknown" : operation.id();
  }

  /** The marketplace whose client sent the request, or {@code null} for a request not sent by a client. */
  public static Marketplace marketplace(Request request) {
    return request.tag(Marketplace.class);
  }

  /** The path parameters of the call by name (campaignId, businessId...): whose quota and whose data it is. */
  public static Map<String, Object> pathParameters(Request request) {
    Invocation invocation = request.tag(Invocation.class);
    Map<String, Object> out = new LinkedHashMap<>();
    if (invocation == null) {
      return out;
    }
    Method method = invocation.method();
    Annotation[][] annotations = method.getParameterAnnotations();
    for (int i = 0; i < annotations.length; i++) {
      for (Annotation annotation : annotations[i]) {
        if (annotation instanceof Path path) {
          out.put(path.value(), invocation.arguments().get(i));
        }
      }
    }
    return out;
  }

  /** The parameters that name an account, in the order they are looked for. */
  private static final java.util.List<String> ACCOUNT_PARAMETERS = java.util.List.of("campaignId", "businessId");
  /** An account longer than this is no id a marketplace issues: cut, so no event or key grows with the input. */
  static final int MAX_ACCOUNT = 64;

  /**
   * The account whose limits a request counts against and whose data it is: {@code campaignId=123} or
   * {@code businessId=45} (the first found, wherever the call carries it), or {@code null}.
   */
  public static String account(Request request) {
    for (String name : ACCOUNT_PARAMETERS) {
      Object value = accountParameter(request, name);
      if (value != null) {
        String text = value.toString();
        return name + "=" + (text.length() > MAX_ACCOUNT ? text.substring(0, MAX_ACCOUNT) : text);
      }
    }
    return null;
  }

  /**
   * The value of an account parameter ({@code campaignId}, {@code businessId}) wherever the call carries it: a path
   * parameter, a query parameter, or a scalar property of the body — so every account gets its own limits even
   * where the document puts the id in the query or the body. {@code null} when the call carries none.
   */
  public static Object accountParameter(Request request, String name) {
    Object value = pathParameters(request).get(name);
    if (value != null) {
      return value;
    }
    String query = request.url().queryParameter(name);
    if (query != null) {
      return query;
    }
    Invocation invocation = request.tag(Invocation.class);
    if (invocation == null) {
      return null;
    }
    Annotation[][] annotations = invocation.method().getParameterAnnotations();
    for (int i = 0; i < annotations.length; i++) {
      for (Annotation annotation : annotations[i]) {
        Object body = invocation.arguments().get(i);
        if (annotation instanceof Body && body != null) {
          Object property = property(body, name);
          return property instanceof Number || property instanceof CharSequence ? property : null;
        }
      }
    }
    return null;
  }

  /**
   * How many items the request body's property {@code field} holds (a collection, array or map), read through the
   * body's accessor ({@code field()} or {@code getField()}); 0 when there is no such body or property.
   */
  public static long bodyItems(Request request, String field) {
    Invocation invocation = request.tag(Invocation.class);
    if (invocation == null) {
      return 0;
    }
    Annotation[][] annotations = invocation.method().getParameterAnnotations();
    for (int i = 0; i < annotations.length; i++) {
      for (Annotation annotation : annotations[i]) {
        Object body = invocation.arguments().get(i);
        if (annotation instanceof Body && body != null) {
          return size(property(body, field));
        }
      }
    }
    return 0;
  }

  /**
   * The value at a dotted path of a decoded answer ({@code result.paging.nextPageToken}), read through its getters;
   * null when any step is missing.
   */
  public static Object valueAt(Object value, String path) {
    Object at = value;
    for (String step : path.split("\\.")) {
      if (at == null) {
        return null;
      }
      at = property(at, step);
    }
    return at;
  }

  private static Object property(Object body, String field) {
    if (body instanceof Map<?, ?> map) {
      return map.get(field);
    }
    String getter = "get" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
    for (String name : new String[] {field, getter}) {
      try {
        return body.getClass().getMethod(name).invoke(body);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // try the next accessor name
      }
    }
    return null;
  }

  private static long size(Object value) {
    if (value instanceof Collection<?> collection) {
      return collection.size();
    }
    if (value instanceof Map<?, ?> map) {
      return map.size();
    }
    if (value != null && value.getClass().isArray()) {
      return Array.getLength(value);
    }
    return 0;
  }
}
