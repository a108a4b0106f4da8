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
import java.util.concurrent.ConcurrentHashMap;

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
    String[] names = Shape.of(invocation.method()).pathNames;
    for (int i = 0; i < names.length; i++) {
      if (names[i] != null) {
        out.put(names[i], invocation.arguments().get(i));
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
    Invocation invocation = request.tag(Invocation.class);
    Shape shape = invocation == null ? null : Shape.of(invocation.method());
    if (shape != null) {
      for (int i = 0; i < shape.pathNames.length; i++) {
        Object value = invocation.arguments().get(i);
        if (name.equals(shape.pathNames[i]) && value != null) {
          return value;
        }
      }
    }
    String query = request.url().queryParameter(name);
    if (query != null) {
      return query;
    }
    Object body = body(invocation, shape);
    if (body == null) {
      return null;
    }
    Object property = property(body, name);
    return property instanceof Number || property instanceof CharSequence ? property : null;
  }

  /**
   * How many items the request body's property {@code field} holds (a collection, array or map), read through the
   * body's accessor ({@code field()} or {@code getField()}); 0 when there is no such body or property.
   */
  public static long bodyItems(Request request, String field) {
    Invocation invocation = request.tag(Invocation.class);
    Object body = body(invocation, invocation == null ? null : Shape.of(invocation.method()));
    return body == null ? 0 : size(property(body, field));
  }

  private static Object body(Invocation invocation, Shape shape) {
    return shape == null || shape.body < 0 ? null : invocation.arguments().get(shape.body);
  }

  /**
   * Where a generated method's path parameters and body are, read once per method: reading parameter annotations
   * parses them anew on every call (the JDK does not cache them), which cost more than the rest of the runtime.
   */
  private static final class Shape {
    private static final Map<Method, Shape> SHAPES = new ConcurrentHashMap<>();

    final String[] pathNames;
    final int body;

    private Shape(Method method) {
      Annotation[][] annotations = method.getParameterAnnotations();
      pathNames = new String[annotations.length];
      int bodyAt = -1;
      for (int i = 0; i < annotations.length; i++) {
        for (Annotation annotation : annotations[i]) {
          if (annotation instanceof Path path) {
            pathNames[i] = path.value();
          } else if (annotation instanceof Body && bodyAt < 0) {
            bodyAt = i;
          }
        }
      }
      body = bodyAt;
    }

    static Shape of(Method method) {
      return SHAPES.computeIfAbsent(method, Shape::new);
    }
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
    Method accessor = ACCESSORS.get(body.getClass()).computeIfAbsent(field, name -> accessor(body.getClass(), name));
    if (accessor == NO_ACCESSOR) {
      return null;
    }
    try {
      return accessor.invoke(body);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Each class's accessors by property name, found once ({@link #NO_ACCESSOR} when it has none). */
  private static final ClassValue<Map<String, Method>> ACCESSORS = new ClassValue<>() {
    @Override
    protected Map<String, Method> computeValue(Class<?> type) {
      return new ConcurrentHashMap<>();
    }
  };

  private static final Method NO_ACCESSOR;

  static {
    try {
      NO_ACCESSOR = Object.class.getMethod("hashCode");
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The public no-argument {@code field()} or {@code getField()} of a class, or {@link #NO_ACCESSOR}. */
  private static Method accessor(Class<?> type, String field) {
    String getter = "get" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
    for (String name : new String[] {field, getter}) {
      try {
        Method method = type.getMethod(name);
        if (method.getReturnType() != void.class) {
          return method;
        }
      } catch (NoSuchMethodException | SecurityException e) {
        // try the next accessor name
      }
    }
    return NO_ACCESSOR;
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
