package com.commentshield.coral;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coral's moderation requests built the way Coral builds them (external.ts {@code processPhase},
 * fetch.ts {@code generateFetchOptions}): the object's keys in Coral's order, serialised as {@code
 * JSON.stringify(data, null, 2)} does (two-space indent, {@code "key": value}, no trailing newline,
 * {@code /} and non-ASCII unescaped), and signed as {@code generateSignatures} does.
 */
final class CoralRequests {

  /** The secret of the test vector in the research notes (Coral's empsec_ format). */
  static final String VECTOR_SECRET =
      "empsec_3f1c9a0b7d2e4c6a8b0d1f3e5a7c9b2d4f6e8a0c1b3d5f7e9a2c4b6d8f0e1a3c5b7d9f";

  /** A second active secret of the same phase, during a rotation. */
  static final String VECTOR_SECOND_SECRET =
      "empsec_0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9aa";

  private CoralRequests() {}

  /** Coral's request object, keys in the order external.ts builds them. */
  static Map<String, Object> request(
      String action,
      String body,
      String parentId,
      String authorId,
      String storyUrl,
      String siteId,
      String tenantId,
      String tenantDomain) {
    Map<String, Object> comment = new LinkedHashMap<>();
    comment.put("body", body);
    comment.put("parentID", parentId);
    Map<String, Object> author = new LinkedHashMap<>();
    author.put("id", authorId);
    author.put("role", "COMMENTER");
    Map<String, Object> story = new LinkedHashMap<>();
    story.put("id", "245b3856-b0a0-4d2f-a6bb-58c71f18d6a6");
    story.put("url", storyUrl);
    Map<String, Object> site = new LinkedHashMap<>();
    site.put("id", siteId);
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("action", action);
    request.put("comment", comment);
    request.put("author", author);
    request.put("story", story);
    request.put("site", site);
    request.put("tenantID", tenantId);
    request.put("tenantDomain", tenantDomain);
    return request;
  }

  /** A new top-level comment on a story at {@code storyUrl}. */
  static byte[] newComment(String body, String storyUrl) {
    return bytes(
        request(
            "NEW",
            body,
            null,
            "baf4e943-3594-4fcc-b2ba-3e8de7a76352",
            storyUrl,
            "a4bede88-2d2c-4424-bc18-4322a9e285a6",
            "19ba5794-7eeb-4d46-a81b-c00c61672501",
            "comments.news.example.com"));
  }

  /** The test vector's request: 518 bytes. */
  static byte[] vector() {
    return newComment(
        "Great article! Cheap watches at https://spam.example/deal",
        "https://news.example.com/2026/12/a-story/");
  }

  static byte[] bytes(Object value) {
    return stringify(value).getBytes(StandardCharsets.UTF_8);
  }

  /** {@code JSON.stringify(value, null, 2)}. */
  static String stringify(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, "", out);
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static void write(Object value, String indent, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(s, out);
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      String inner = indent + "  ";
      out.append("{\n");
      boolean first = true;
      for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
        if (!first) {
          out.append(",\n");
        }
        first = false;
        out.append(inner);
        string(e.getKey(), out);
        out.append(": ");
        write(e.getValue(), inner, out);
      }
      out.append('\n').append(indent).append('}');
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append("[]");
        return;
      }
      String inner = indent + "  ";
      out.append("[\n");
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(",\n");
        }
        out.append(inner);
        write(list.get(i), inner, out);
      }
      out.append('\n').append(indent).append(']');
    } else {
      throw new IllegalArgumentException("not JSON: " + value.getClass());
    }
  }

  /** JavaScript's QuoteJSONString. */
  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          boolean loneSurrogate =
              Character.isSurrogate(c)
                  && !(Character.isHighSurrogate(c)
                      && i + 1 < s.length()
                      && Character.isLowSurrogate(s.charAt(i + 1)))
                  && !(Character.isLowSurrogate(c)
                      && i > 0
                      && Character.isHighSurrogate(s.charAt(i - 1)));
          if (c < 0x20 || loneSurrogate) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** X-Coral-Signature as Coral sends it for these active secrets, oldest first. */
  static String signature(byte[] body, String... secrets) {
    return CoralSignature.header(body, List.of(secrets));
  }
}
