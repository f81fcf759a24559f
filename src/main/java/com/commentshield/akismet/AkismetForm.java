package com.commentshield.akismet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of an Akismet call, read from an {@code application/x-www-form-urlencoded} body and
 * the query string.
 *
 * <p>The body is parsed whatever the {@code Content-Type} says: Akismet clients in the wild send
 * odd ones (the npm package {@code akismet} 2.0.7 sends {@code Content-Type: charset=utf-8}), and
 * Akismet answers them all. The percent-decoded bytes are read in the charset the {@code
 * Content-Type} names, else the one {@code blog_charset} names, else UTF-8; bytes that are not
 * valid in it become U+FFFD rather than an error.
 */
final class AkismetForm {

  private static final Pattern CHARSET_PARAMETER =
      Pattern.compile("(?i)charset\\s*=\\s*\"?([A-Za-z0-9._:\\-]+)");

  private final Map<String, List<String>> fields;

  private AkismetForm(Map<String, List<String>> fields) {
    this.fields = fields;
  }

  static AkismetForm parse(byte[] body, String contentType, String query) {
    byte[] bytes = body == null ? new byte[0] : body;
    String raw = new String(bytes, StandardCharsets.ISO_8859_1);
    String rawQuery = query == null ? "" : query;
    Charset charset =
        charsetOf(contentType)
            .or(() -> charsetField(raw))
            .or(() -> charsetField(rawQuery))
            .orElse(StandardCharsets.UTF_8);
    Map<String, List<String>> fields = new LinkedHashMap<>();
    // Body fields win over query fields of the same name: they are read first.
    addPairs(raw, charset, fields);
    addPairs(rawQuery, charset, fields);
    return new AkismetForm(fields);
  }

  /** The first value of {@code name}, stripped; empty when absent or blank. */
  Optional<String> get(String name) {
    List<String> values = fields.get(name);
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    String value = values.get(0).strip();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** Every value of {@code name} and of its PHP array form {@code name[]}. */
  List<String> all(String name) {
    List<String> values = new ArrayList<>(fields.getOrDefault(name, List.of()));
    values.addAll(fields.getOrDefault(name + "[]", List.of()));
    return values;
  }

  /** Akismet's booleans: {@code 1}, {@code true} (any case) and {@code yes} are true. */
  boolean flag(String name) {
    return get(name)
        .map(v -> v.toLowerCase(Locale.ROOT))
        .map(v -> v.equals("1") || v.equals("true") || v.equals("yes"))
        .orElse(false);
  }

  private static Optional<Charset> charsetOf(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    Matcher m = CHARSET_PARAMETER.matcher(contentType);
    return m.find() ? charsetNamed(m.group(1)) : Optional.empty();
  }

  /** {@code blog_charset} is ASCII, so it can be found before the charset is known. */
  private static Optional<Charset> charsetField(String raw) {
    for (String pair : raw.split("&")) {
      if (pair.startsWith("blog_charset=")) {
        return charsetNamed(
            decode(pair.substring("blog_charset=".length()), StandardCharsets.ISO_8859_1).strip());
      }
    }
    return Optional.empty();
  }

  private static Optional<Charset> charsetNamed(String name) {
    try {
      return Optional.of(Charset.forName(name));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return Optional.empty();
    }
  }

  private static void addPairs(String raw, Charset charset, Map<String, List<String>> into) {
    if (raw.isEmpty()) {
      return;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq), charset);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), charset);
      into.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
  }

  /**
   * Percent-decoding that never fails: a {@code %} not followed by two hex digits stays as it is
   * (PHP's {@code urldecode} does the same), {@code +} is a space.
   */
  private static String decode(String s, Charset charset) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+') {
        out.write(' ');
      } else if (c == '%'
          && i + 2 < s.length()
          && hex(s.charAt(i + 1)) >= 0
          && hex(s.charAt(i + 2)) >= 0) {
        out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
        i += 2;
      } else {
        // the body was read as ISO-8859-1, so each char is one byte of the original
        out.write(c & 0xFF);
      }
    }
    return new String(out.toByteArray(), charset);
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
