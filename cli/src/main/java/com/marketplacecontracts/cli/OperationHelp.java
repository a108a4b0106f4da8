package com.marketplacecontracts.cli;

import com.marketplacecontracts.core.http.OperationIndex;
import com.marketplacecontracts.core.json.OpenEnum;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * {@code yandex call OPERATION --help}: an operation's parameters (name, where it goes, whether required, type and
 * rule) and its body type, read from the generated method the operation index holds — one description for every
 * operation, so it says what the call checks before anything is sent.
 */
final class OperationHelp {

  /** At most this many values of an enum are listed; the rest are counted. */
  private static final int MAX_VALUES = 12;

  private OperationHelp() {
  }

  /** The operation's request line and a table of its parameters. */
  static String describe(OperationIndex.Operation operation) {
    Method method = operation.method();
    StringBuilder out = new StringBuilder();
    out.append("Operation ").append(operation.id()).append(": ").append(requestLine(method)).append('\n');
    out.append("Parameters (--param NAME=VALUE; the body: --body FILE|-):\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAME", "IN", "REQUIRED", "TYPE", "RULE"});
    Annotation[][] annotations = method.getParameterAnnotations();
    List<OperationIndex.Parameter> parameters = operation.parameters();
    for (int i = 0; i < parameters.size(); i++) {
      OperationIndex.Parameter parameter = parameters.get(i);
      boolean body = parameter.in() == OperationIndex.In.BODY;
      rows.add(new String[] {parameter.name(), parameter.in().name().toLowerCase(Locale.ROOT),
          parameter.required() ? "yes" : "no", body ? typeName(parameter.type()) + " (JSON)"
          : typeName(parameter.type()), body ? "" : rule(parameter.type(), annotations[i])});
    }
    if (parameters.isEmpty()) {
      out.append("  (none)\n");
    } else {
      int[] widths = new int[5];
      rows.forEach(row -> {
        for (int c = 0; c < row.length; c++) {
          widths[c] = Math.max(widths[c], row[c].length());
        }
      });
      for (String[] row : rows) {
        StringBuilder line = new StringBuilder("  ");
        for (int c = 0; c < row.length; c++) {
          line.append(c == row.length - 1 ? row[c] : String.format(Locale.ROOT, "%-" + widths[c] + "s  ", row[c]));
        }
        out.append(line.toString().stripTrailing()).append('\n');
      }
    }
    operation.body().ifPresent(b -> out.append("The body is a ").append(typeName(b.type())).append(" as JSON (the"
        + " spec's schema; checked before it is sent).\n"));
    return out.toString();
  }

  /** {@code POST v1/businesses/{businessId}/orders}, from the method's Retrofit annotation. */
  private static String requestLine(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      String verb = annotation.annotationType().getSimpleName();
      if (List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(verb)) {
        try {
          return verb + " " + annotation.annotationType().getMethod("value").invoke(annotation);
        } catch (ReflectiveOperationException e) {
          return verb;
        }
      }
    }
    return "";
  }

  /** A Java type in the spec's words: integer, number, text, a date, a list of..., a model's name. */
  static String typeName(Type type) {
    if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw
        && Collection.class.isAssignableFrom(raw)) {
      return "list of " + typeName(generic.getActualTypeArguments()[0]) + " (repeat the parameter)";
    }
    if (type == Long.class || type == Integer.class) {
      return "integer";
    }
    if (type == Double.class || type == Float.class || type == BigDecimal.class) {
      return "number";
    }
    if (type == String.class) {
      return "text";
    }
    if (type == Boolean.class) {
      return "true|false";
    }
    if (type == LocalDate.class) {
      return "date (YYYY-MM-DD)";
    }
    if (type == OffsetDateTime.class) {
      return "date-time with offset";
    }
    if (type instanceof Class<?> raw && raw.isEnum()) {
      return "one of the values";
    }
    if (type instanceof Class<?> raw && raw.getSimpleName().equals("Part")) {
      return "file (@PATH)";
    }
    return type instanceof Class<?> raw ? raw.getSimpleName() : type.getTypeName();
  }

  /** The rules the generated method declares on a parameter (and the values of an enum). */
  static String rule(Type type, Annotation[] annotations) {
    List<String> rules = new ArrayList<>();
    Long min = null;
    Long max = null;
    for (Annotation annotation : annotations) {
      if (annotation instanceof Min m) {
        min = m.value();
      } else if (annotation instanceof Max m) {
        max = m.value();
      } else if (annotation instanceof DecimalMin m) {
        rules.add("at least " + m.value());
      } else if (annotation instanceof DecimalMax m) {
        rules.add("at most " + m.value());
      } else if (annotation instanceof Size s) {
        rules.add(s.max() == Integer.MAX_VALUE ? "at least " + s.min() + " long" : s.min() + " to " + s.max()
            + " long");
      } else if (annotation instanceof Pattern p) {
        rules.add("matches " + p.regexp());
      }
    }
    if (min != null && max != null) {
      rules.add(0, min + " to " + max);
    } else if (min != null) {
      rules.add(0, "at least " + min);
    } else if (max != null) {
      rules.add(0, "at most " + max);
    }
    Type item = type instanceof ParameterizedType generic ? generic.getActualTypeArguments()[0] : type;
    if (item instanceof Class<?> raw && raw.isEnum() && OpenEnum.class.isAssignableFrom(raw)) {
      List<String> values = Arrays.stream(raw.getEnumConstants()).map(c -> ((OpenEnum) c).getValue())
          .filter(v -> v != null).toList();
      rules.add(values.size() <= MAX_VALUES ? String.join(", ", values) : String.join(", ",
          values.subList(0, MAX_VALUES)) + ", ... (" + values.size() + " values)");
    }
    return String.join("; ", rules);
  }
}
