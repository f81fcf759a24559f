package com.commentshield.common;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * What was wrong with a JSON body Jackson could not read, told from the exception's type and its
 * structured parts (the field path, the target type, the parser's state and location) and from the
 * input around that location ({@link CheckedJsonInput}), never from the wording of Jackson's
 * messages: never a 5xx, never Jackson's own text.
 */
final class JsonProblems {

  static final String INVALID_REQUEST = "Invalid request";
  static final String MALFORMED_JSON = "Malformed JSON";

  private JsonProblems() {}

  static Problem of(JsonProcessingException e) {
    while (e instanceof JsonMappingException
        && e.getCause() instanceof JsonProcessingException c
        && c != e) {
      e = c;
    }
    JsonParser parser = e.getProcessor() instanceof JsonParser p ? p : null;
    if (e instanceof StreamConstraintsException) {
      return Problem.of(400, MALFORMED_JSON, limit(), List.of());
    }
    if (e instanceof JsonEOFException) {
      return malformed(e, "the body ends before the JSON value is complete");
    }
    if (e instanceof MismatchedInputException m) {
      return mismatch(m, parser);
    }
    if (e instanceof JsonMappingException m) {
      String field = jsonPath(m.getPath());
      String what = "has a value that cannot be read";
      return invalid(field, what);
    }
    return syntax(e, parser);
  }

  /**
   * A body past one of the parser's own limits. Nesting and numbers are refused earlier, while the
   * body is read ({@link CheckedJsonInput}); what is left is a string or name too long for it.
   */
  private static String limit() {
    return "malformed JSON: a value is longer than the parser's limits";
  }

  private static Problem mismatch(MismatchedInputException e, JsonParser parser) {
    JsonStreamContext root = parser == null ? null : parser.getParsingContext();
    while (root != null && root.getParent() != null) {
      root = root.getParent();
    }
    if (root != null && root.getEntryCount() > 1) {
      // a second value at the top level: the first one was complete
      return malformed(e, "unexpected content after the JSON value");
    }
    int at = charAt(e, 0);
    if (at < 0 && e.getPath().isEmpty()) {
      return invalid("body", "a JSON body is required");
    }
    String field = jsonPath(e.getPath());
    Class<?> target = e.getTargetType();
    String got = got(e, at);
    String what;
    if (target != null && target.isEnum()) {
      String value =
          e instanceof InvalidFormatException f && f.getValue() instanceof String s
              ? quote(s)
              : got;
      what = "must be one of " + String.join(", ", enumValues(target)) + ", not " + value;
    } else {
      what = "must be " + expected(target) + (got.isEmpty() ? "" : ", not " + got);
    }
    return invalid(field, what);
  }

  /** A syntax error, told from what the parser stopped at. */
  private static Problem syntax(JsonProcessingException e, JsonParser parser) {
    if (isDuplicateName(e, parser)) {
      String field = parserPath(parser);
      return Problem.of(
          400,
          INVALID_REQUEST,
          "duplicate field '" + field + "'" + location(e),
          List.of(new Problem.FieldError(field, "appears more than once")));
    }
    return malformed(e, unexpected(e));
  }

  /**
   * Jackson refuses a repeated name right after reading it, before the colon: the parser stands
   * between the name's closing quote and its colon. Every other syntax error stops at the character
   * that is wrong.
   */
  private static boolean isDuplicateName(JsonProcessingException e, JsonParser parser) {
    // the parser is closed by now, but its parsing context stays
    if (parser == null || parser.getParsingContext() == null) {
      return false;
    }
    if (!parser.getParsingContext().inObject()
        || parser.getParsingContext().getCurrentName() == null) {
      return false;
    }
    // the location is the character after the name's closing quote, or that quote itself
    if (charAt(e, 0) == '"') {
      return nextNonSpace(e, 1) == ':';
    }
    return previousNonSpace(e) == '"' && nextNonSpace(e, 0) == ':';
  }

  /** What the parser found where it stopped: an unquoted word, a quote, a control character. */
  private static String unexpected(JsonProcessingException e) {
    String word = wordBefore(e);
    if (!word.isEmpty()) {
      return "unrecognized token '" + shorten(word) + "' (strings need double quotes)";
    }
    int c = nextNonSpace(e, 0);
    if (c < 0) {
      return "the body is not valid JSON";
    }
    if (c == '\'') {
      return "unexpected character ' (JSON strings and field names need double quotes)";
    }
    if (c < 0x20) {
      return "unexpected character (a control character)";
    }
    if (c < 0x80) {
      return "unexpected character '" + (char) c + "'";
    }
    return "the body is not valid JSON";
  }

  /**
   * The bare word ({@code hello}, {@code tru}) the parser stopped in or just after: Jackson reads
   * such a word to its end before it refuses it.
   */
  private static String wordBefore(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    if (at == null || at.getByteOffset() < 0) {
      return "";
    }
    long offset = at.getByteOffset();
    long from = Math.max(0, offset - 40);
    byte[] near = CheckedJsonInput.lastRead(from, 80);
    int here = (int) (offset - from);
    int end = here;
    while (end < near.length && isWordByte(near[end])) {
      end++;
    }
    int start = end;
    while (start > 0 && isWordByte(near[start - 1])) {
      start--;
    }
    if (start == end || end < here) {
      return "";
    }
    int quote = start > 0 ? near[start - 1] : ' ';
    if (quote == '"' || quote == '\'') {
      return ""; // part of a string, not a bare word
    }
    return new String(near, start, end - start, StandardCharsets.UTF_8);
  }

  private static boolean isWordByte(byte b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_';
  }

  private static int nextNonSpace(JsonProcessingException e, int from) {
    for (int i = from; i < 40; i++) {
      int c = charAt(e, i);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return c;
      }
    }
    return -1;
  }

  private static int previousNonSpace(JsonProcessingException e) {
    for (int i = -1; i > -40; i--) {
      int c = charAt(e, i);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return c;
      }
    }
    return -1;
  }

  /** The byte {@code delta} bytes from where the parser stopped, or -1 when it is not known. */
  private static int charAt(JsonProcessingException e, int delta) {
    JsonLocation at = e.getLocation();
    if (at == null || at.getByteOffset() < 0 || at.getByteOffset() + delta < 0) {
      return -1;
    }
    byte[] b = CheckedJsonInput.lastRead(at.getByteOffset() + delta, 1);
    return b.length == 0 ? -1 : b[0] & 0xFF;
  }

  private static Problem malformed(JsonProcessingException e, String what) {
    return Problem.of(400, MALFORMED_JSON, "malformed JSON" + location(e) + ": " + what, List.of());
  }

  private static Problem invalid(String field, String what) {
    return Problem.of(
        400, INVALID_REQUEST, field + ": " + what, List.of(new Problem.FieldError(field, what)));
  }

  /** What the client sent where the mismatch happened: "a number", "an array", ... */
  private static String got(MismatchedInputException e, int firstByte) {
    if (e instanceof InvalidFormatException f && f.getValue() != null) {
      Object v = f.getValue();
      if (v instanceof CharSequence) {
        return v.toString().isEmpty() ? "an empty string" : "a string";
      }
      if (v instanceof Number) {
        return "a number";
      }
      if (v instanceof Boolean) {
        return "a boolean";
      }
    }
    return switch (firstByte) {
      case '{' -> "an object";
      case '[' -> "an array";
      case '"' -> "a string";
      case 't', 'f' -> "a boolean";
      case 'n' -> "null";
      case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> "a number";
      default -> "";
    };
  }

  private static String expected(Class<?> target) {
    if (target == null) {
      return "a valid value";
    }
    if (CharSequence.class.isAssignableFrom(target)
        || target == char.class
        || target == Character.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(target) || target.isArray()) {
      return "an array";
    }
    if (Number.class.isAssignableFrom(target)
        || (target.isPrimitive() && target != boolean.class)) {
      return "a number";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "true or false";
    }
    return "an object";
  }

  /** The values an enum accepts in JSON, in declaration order, honouring {@code @JsonProperty}. */
  static List<String> enumValues(Class<?> type) {
    List<String> values = new java.util.ArrayList<>();
    for (Object constant : type.getEnumConstants()) {
      String name = ((Enum<?>) constant).name();
      String value = name;
      try {
        com.fasterxml.jackson.annotation.JsonProperty property =
            type.getField(name).getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
        if (property != null && !property.value().isEmpty()) {
          value = property.value();
        }
      } catch (NoSuchFieldException ignored) {
        // an enum constant is always a public field
      }
      values.add(value);
    }
    return values;
  }

  /** " at line 1, column 12", or nothing when the parser did not say. */
  private static String location(JsonProcessingException e) {
    JsonLocation where = e.getLocation();
    if (where == null || where.getLineNr() < 1) {
      return "";
    }
    return " at line " + where.getLineNr() + ", column " + where.getColumnNr();
  }

  /** Where in the document the parser was, as a field path ({@code author.name}, {@code [2]}). */
  private static String parserPath(JsonParser parser) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = parser.getParsingContext();
        c != null && !c.inRoot();
        c = c.getParent()) {
      if (c.inArray()) {
        parts.addFirst("[" + Math.max(c.getCurrentIndex(), 0) + "]");
      } else if (c.getCurrentName() != null) {
        parts.addFirst("." + c.getCurrentName());
      }
    }
    String path = String.join("", parts);
    path = path.startsWith(".") ? path.substring(1) : path;
    return path.isEmpty() ? "body" : path;
  }

  /** Jackson's reference path as {@code author.name} or {@code [3].content}; "body" at the root. */
  static String jsonPath(List<JsonMappingException.Reference> path) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : path) {
      if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      } else if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      }
    }
    return sb.isEmpty() ? "body" : sb.toString();
  }

  private static String quote(Object value) {
    return "'" + shorten(String.valueOf(value)) + "'";
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
