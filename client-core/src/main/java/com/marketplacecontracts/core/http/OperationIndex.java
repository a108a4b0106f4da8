package com.marketplacecontracts.core.http;

import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.error.RequestValidationException.Violation;
import com.marketplacecontracts.core.operation.ApiOperation;
import com.marketplacecontracts.core.operation.Marketplace;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import retrofit2.http.Body;
import retrofit2.http.Header;
import retrofit2.http.Part;
import retrofit2.http.Query;

/**
 * Every operation of a client's generated APIs by its {@code operationId}, callable with text arguments — the one
 * way the command line and the generated contract suite reach any operation. Arguments are converted to the types
 * the generated method declares (a bad value names the parameter and the rule, before anything is sent); the call
 * then goes through the same validation, limits and retries as a typed call.
 */
public final class OperationIndex {

  private final Marketplace marketplace;
  private final Map<String, Operation> byId;

  private OperationIndex(Marketplace marketplace, Map<String, Operation> byId) {
    this.marketplace = marketplace;
    this.byId = byId;
  }

  /** The operations of {@code apis} (a generated {@code ApiClient.APIS}). */
  public static OperationIndex of(Marketplace marketplace, List<Class<?>> apis) {
    Map<String, Operation> byId = new TreeMap<>();
    for (Class<?> api : apis) {
      for (Method method : api.getMethods()) {
        ApiOperation spec = method.getAnnotation(ApiOperation.class);
        if (spec != null) {
          byId.put(spec.id(), new Operation(api, method, spec, parameters(method)));
        }
      }
    }
    return new OperationIndex(marketplace, Map.copyOf(byId));
  }

  /** Every operation, by id. */
  public Collection<Operation> all() {
    return new TreeMap<>(byId).values();
  }

  public Optional<Operation> find(String operationId) {
    return Optional.ofNullable(byId.get(operationId));
  }

  /** One generated method: its API, what the spec says of it, its parameters in order. */
  public record Operation(Class<?> api, Method method, ApiOperation spec, List<Parameter> parameters) {

    public String id() {
      return spec.id();
    }

    /** The type {@code execute()} returns: a model, {@link Download} for a binary answer, {@code Void} for none. */
    public Type answerType() {
      return ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[0];
    }

    /** The body parameter, if the operation takes one. */
    public Optional<Parameter> body() {
      return parameters.stream().filter(p -> p.in() == In.BODY).findFirst();
    }
  }

  /** Where a parameter goes. */
  public enum In { PATH, QUERY, HEADER, BODY, PART }

  /** A parameter of a generated method: its name in the request, where it goes, its Java type, whether required. */
  public record Parameter(String name, In in, Type type, boolean required) {
  }

  /**
   * The call of {@code operation} on {@code api} (the client's instance of its API interface) with text arguments:
   * {@code values} by parameter name (several values for an array), {@code body} as JSON (null: none).
   *
   * @throws RequestValidationException naming every parameter that is unknown, missing or not of its type
   */
  public MarketplaceCall<?> call(Object api, Operation operation, Map<String, List<String>> values, String body,
      Moshi moshi) {
    List<Violation> violations = new ArrayList<>();
    for (String name : values.keySet()) {
      if (operation.parameters().stream().noneMatch(p -> p.name().equals(name) && p.in() != In.BODY)) {
        violations.add(new Violation(name, String.join(",", values.get(name)),
            "no such parameter of " + operation.id()));
      }
    }
    Object[] args = new Object[operation.parameters().size()];
    for (int i = 0; i < args.length; i++) {
      Parameter parameter = operation.parameters().get(i);
      try {
        args[i] = parameter.in() == In.BODY ? body(parameter, body, moshi) : value(parameter, values, moshi);
      } catch (IllegalArgumentException e) {
        violations.add(new Violation(parameter.name(), shown(parameter, values, body), e.getMessage()));
      }
    }
    if (!violations.isEmpty()) {
      throw new RequestValidationException(marketplace, operation.id(), violations);
    }
    return invoke(api, operation, args);
  }

  /**
   * The call of {@code operation} on {@code api} with arguments of the generated method's own types; a failure of
   * the method itself (validation) is thrown as it is.
   */
  public static MarketplaceCall<?> invoke(Object api, Operation operation, Object[] args) {
    try {
      return (MarketplaceCall<?>) operation.method().invoke(api, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String shown(Parameter parameter, Map<String, List<String>> values, String body) {
    if (parameter.in() == In.BODY) {
      return body == null ? "(none)" : "(the body)";
    }
    List<String> given = values.get(parameter.name());
    return given == null ? "(none)" : String.join(",", given);
  }

  private static Object body(Parameter parameter, String json, Moshi moshi) {
    if (json == null) {
      if (parameter.required()) {
        throw new IllegalArgumentException("a request body is required");
      }
      return null;
    }
    try {
      JsonAdapter<Object> adapter = moshi.adapter(parameter.type());
      return adapter.fromJson(json);
    } catch (IOException | JsonDataException e) {
      throw new IllegalArgumentException("not the documented JSON: " + e.getMessage());
    }
  }

  private static Object value(Parameter parameter, Map<String, List<String>> values, Moshi moshi) {
    List<String> given = values.get(parameter.name());
    if (given == null || given.isEmpty()) {
      if (parameter.required()) {
        throw new IllegalArgumentException("required");
      }
      return null;
    }
    Type type = parameter.type();
    if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw
        && Collection.class.isAssignableFrom(raw)) {
      Type item = generic.getActualTypeArguments()[0];
      Collection<Object> out = raw == java.util.Set.class ? new LinkedHashSet<>() : new ArrayList<>();
      for (String text : given) {
        out.add(scalar(item, text, moshi));
      }
      return out;
    }
    if (given.size() > 1) {
      throw new IllegalArgumentException("takes one value, was given " + given.size());
    }
    if (type == MultipartBody.Part.class) {
      return part(parameter.name(), given.get(0));
    }
    return scalar(type, given.get(0), moshi);
  }

  /** A file part from {@code @path/to/file}. */
  private static MultipartBody.Part part(String name, String text) {
    if (!text.startsWith("@")) {
      throw new IllegalArgumentException("a file is given as @PATH");
    }
    Path file = Path.of(text.substring(1));
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    String type;
    try {
      type = Optional.ofNullable(Files.probeContentType(file)).orElse("application/octet-stream");
    } catch (IOException e) {
      type = "application/octet-stream";
    }
    return MultipartBody.Part.createFormData(name, file.getFileName().toString(),
        RequestBody.create(file.toFile(), MediaType.get(type)));
  }

  private static Object scalar(Type type, String text, Moshi moshi) {
    try {
      if (type == String.class) {
        return text;
      }
      if (type == Long.class) {
        return Long.valueOf(text.trim());
      }
      if (type == Integer.class) {
        return Integer.valueOf(text.trim());
      }
      if (type == Double.class) {
        return Double.valueOf(text.trim());
      }
      if (type == Float.class) {
        return Float.valueOf(text.trim());
      }
      if (type == BigDecimal.class) {
        return new BigDecimal(text.trim());
      }
      if (type == Boolean.class) {
        if (!text.equals("true") && !text.equals("false")) {
          throw new IllegalArgumentException("must be true or false");
        }
        return Boolean.valueOf(text);
      }
      if (type == LocalDate.class) {
        return LocalDate.parse(text.trim());
      }
      if (type == OffsetDateTime.class) {
        return OffsetDateTime.parse(text.trim());
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(numberRule(type, text.trim()));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(type == LocalDate.class ? "must be a date (yyyy-MM-dd)"
          : "must be a date-time with its offset (2026-07-17T10:15:30+03:00)");
    }
    if (type instanceof Class<?> raw && raw.isEnum()) {
      for (Object constant : raw.getEnumConstants()) {
        if (!constant.toString().equals("UNRECOGNIZED") && jsonValue(constant, moshi).equals(text)) {
          return constant;
        }
      }
      List<String> allowed = new ArrayList<>();
      for (Object constant : raw.getEnumConstants()) {
        if (!constant.toString().equals("UNRECOGNIZED")) {
          allowed.add(jsonValue(constant, moshi));
        }
      }
      throw new IllegalArgumentException("must be one of " + allowed);
    }
    throw new IllegalArgumentException("cannot be given as text (" + type.getTypeName() + ")");
  }

  /** What a text that is not a number of {@code type} breaks, in words: whole or not, and the range it is past. */
  private static String numberRule(Type type, String text) {
    if (type == Long.class || type == Integer.class) {
      String range = type == Long.class ? Long.MIN_VALUE + " to " + Long.MAX_VALUE
          : Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
      return text.matches("[+-]?[0-9]+") ? "must be a whole number from " + range : "must be a whole number";
    }
    return "must be a number";
  }

  private static String jsonValue(Object constant, Moshi moshi) {
    Object value = moshi.adapter(Object.class).toJsonValue(constant);
    return String.valueOf(value);
  }

  private static List<Parameter> parameters(Method method) {
    List<Parameter> out = new ArrayList<>();
    Annotation[][] annotations = method.getParameterAnnotations();
    Type[] types = method.getGenericParameterTypes();
    for (int i = 0; i < annotations.length; i++) {
      String name = null;
      In in = null;
      boolean required = false;
      for (Annotation annotation : annotations[i]) {
        if (annotation instanceof retrofit2.http.Path path) {
          name = path.value();
          in = In.PATH;
        } else if (annotation instanceof Query query) {
          name = query.value();
          in = In.QUERY;
        } else if (annotation instanceof Header header) {
          name = header.value();
          in = In.HEADER;
        } else if (annotation instanceof Body) {
          name = "body";
          in = In.BODY;
        } else if (annotation instanceof Part part) {
          name = part.value().isEmpty() ? "file" : part.value();
          in = In.PART;
        } else if (annotation instanceof NotNull) {
          required = true;
        }
      }
      if (in == null) {
        throw new IllegalStateException(method + ": parameter " + i + " has no Retrofit annotation");
      }
      out.add(new Parameter(name, in, types[i] == Object.class ? Types.newParameterizedType(Map.class,
          String.class, Object.class) : types[i], required || in == In.PATH));
    }
    return List.copyOf(out);
  }
}
