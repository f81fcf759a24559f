package com.commentshield.common;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.math.BigInteger;
import java.util.List;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Finds the query parameter whose value does not convert to the resource method's parameter type.
 *
 * <p>JAX-RS answers a query parameter it cannot convert ({@code page=1e3} for an {@code int}) with
 * a 404, as if the endpoint did not exist, and without naming the parameter. The error mapping asks
 * this class which parameter it was, so that the answer is a 400 naming it.
 */
final class QueryParameterTypes {

  private QueryParameterTypes() {}

  /** The first query parameter of {@code method} whose value in {@code query} does not convert. */
  static Problem.FieldError firstUnconvertible(
      Method method, MultivaluedMap<String, String> query) {
    if (method == null) {
      return null;
    }
    Class<?>[] types = method.getParameterTypes();
    Annotation[][] annotations = method.getParameterAnnotations();
    for (int i = 0; i < types.length; i++) {
      String name = queryName(annotations[i], method, i);
      if (name == null) {
        continue;
      }
      List<String> values = query.get(name);
      if (values == null) {
        continue;
      }
      for (String value : values) {
        String problem = problem(types[i], value);
        if (problem != null) {
          return new Problem.FieldError(name, problem);
        }
      }
    }
    return null;
  }

  private static String queryName(Annotation[] annotations, Method method, int index) {
    for (Annotation a : annotations) {
      if (a instanceof QueryParam q) {
        return q.value();
      }
      if (a instanceof RestQuery r) {
        return r.value().isEmpty() ? method.getParameters()[index].getName() : r.value();
      }
    }
    return null;
  }

  /** What is wrong with {@code value} as a {@code type}, or null when it converts. */
  static String problem(Class<?> type, String value) {
    String v = value.strip();
    if (type == int.class || type == Integer.class) {
      return wholeNumber(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
    if (type == long.class || type == Long.class) {
      return wholeNumber(v, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    if (type == double.class || type == Double.class) {
      try {
        double d = Double.parseDouble(v);
        return Double.isFinite(d) ? null : "must be a finite number";
      } catch (NumberFormatException e) {
        return "must be a number, not " + quote(value);
      }
    }
    return null;
  }

  private static String wholeNumber(String v, long min, long max) {
    if (!v.matches("[-+]?[0-9]+")) {
      return "must be a whole number, not " + quote(v);
    }
    BigInteger n = new BigInteger(v);
    if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
      return "is out of range: " + quote(v) + " is not between " + min + " and " + max;
    }
    return null;
  }

  private static String quote(String value) {
    return "'" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'";
  }
}
