package com.commentshield.admin;

import com.commentshield.model.LabeledText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads uploaded labeled examples: TSV ({@code text/tab-separated-values}, header with {@code
 * label} and {@code text}), CSV ({@code text/csv}, RFC 4180 quoting, same header) or JSON lines
 * ({@code application/x-ndjson}, objects with {@code label} and {@code text}). Every bad row is
 * reported with its line number; callers import nothing unless there are none.
 */
public final class LabeledUpload {

  public static final String TSV = "text/tab-separated-values";
  public static final String CSV = "text/csv";
  public static final String NDJSON = "application/x-ndjson";

  /** The outcome of parsing: the rows, or the errors (at most 50) if there were any. */
  public record Parsed(List<LabeledText> rows, List<String> errors) {}

  private record Raw(int line, String label, String text) {}

  private static final int MAX_ERRORS = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  private LabeledUpload() {}

  public static Parsed parse(byte[] body, String mediaType, String source) {
    List<String> errors = new ArrayList<>();
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      return new Parsed(List.of(), List.of("the upload is not valid UTF-8"));
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<Raw> raw =
        switch (mediaType) {
          case TSV -> delimited(text, '\t', false, errors);
          case CSV -> delimited(text, ',', true, errors);
          case NDJSON -> jsonLines(text, errors);
          default -> throw new IllegalArgumentException("unsupported media type " + mediaType);
        };
    List<LabeledText> rows = new ArrayList<>();
    for (Raw r : raw) {
      String label = r.label() == null ? "" : r.label().strip().toLowerCase(Locale.ROOT);
      if (!label.equals("spam") && !label.equals("ham")) {
        error(errors, r.line(), "label must be 'spam' or 'ham', was '" + shorten(r.label()) + "'");
      } else if (r.text() == null || r.text().isBlank()) {
        error(errors, r.line(), "text is empty");
      } else if (r.text().length() > 10_000) {
        error(errors, r.line(), "text is longer than 10000 characters");
      } else {
        rows.add(LabeledText.of(label.equals("spam"), r.text().strip(), source));
      }
    }
    if (rows.isEmpty() && errors.isEmpty()) {
      errors.add("no rows: the upload holds a header at most");
    }
    return new Parsed(errors.isEmpty() ? rows : List.of(), errors);
  }

  private static List<Raw> delimited(
      String text, char separator, boolean quoted, List<String> errors) {
    List<List<String>> records = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    if (quoted) {
      splitCsv(text, records, lines, errors);
    } else {
      int line = 0;
      for (String l : text.split("\r?\n", -1)) {
        line++;
        if (!l.isEmpty()) {
          records.add(Arrays.asList(l.split("\t", -1)));
          lines.add(line);
        }
      }
    }
    if (records.isEmpty()) {
      return List.of();
    }
    List<String> header =
        records.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    int label = header.indexOf("label");
    int body = header.indexOf("text");
    if (label < 0 || body < 0) {
      error(
          errors,
          lines.get(0),
          "the header must name the columns 'label' and 'text', found " + header);
      return List.of();
    }
    List<Raw> rows = new ArrayList<>();
    for (int i = 1; i < records.size(); i++) {
      List<String> cells = records.get(i);
      if (cells.size() <= Math.max(label, body)) {
        error(
            errors,
            lines.get(i),
            "expected "
                + header.size()
                + " columns separated by '"
                + (separator == '\t' ? "TAB" : String.valueOf(separator))
                + "', found "
                + cells.size());
        continue;
      }
      rows.add(new Raw(lines.get(i), cells.get(label), cells.get(body)));
    }
    return rows;
  }

  /** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
  private static void splitCsv(
      String text, List<List<String>> records, List<Integer> lines, List<String> errors) {
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean inQuotes = false;
    int line = 1;
    int recordLine = 1;
    boolean recordHasContent = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inQuotes) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            inQuotes = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
      } else if (c == '"') {
        inQuotes = true;
        recordHasContent = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
        recordHasContent = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (recordHasContent || !field.isEmpty()) {
          record.add(field.toString());
          records.add(record);
          lines.add(recordLine);
        }
        record = new ArrayList<>();
        field.setLength(0);
        recordHasContent = false;
        line++;
        recordLine = line;
      } else {
        field.append(c);
        recordHasContent = true;
      }
    }
    if (inQuotes) {
      error(errors, recordLine, "a quoted field is never closed");
      return;
    }
    if (recordHasContent || !field.isEmpty()) {
      record.add(field.toString());
      records.add(record);
      lines.add(recordLine);
    }
  }

  private static List<Raw> jsonLines(String text, List<String> errors) {
    List<Raw> rows = new ArrayList<>();
    int line = 0;
    for (String l : text.split("\r?\n", -1)) {
      line++;
      if (l.isBlank()) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(l);
        if (node == null || !node.isObject()) {
          error(errors, line, "expected a JSON object");
          continue;
        }
        JsonNode label = node.get("label");
        JsonNode body = node.has("text") ? node.get("text") : node.get("content");
        if (label != null && !label.isTextual() || body != null && !body.isTextual()) {
          error(errors, line, "'label' and 'text' must be strings");
          continue;
        }
        rows.add(
            new Raw(
                line, label == null ? null : label.asText(), body == null ? null : body.asText()));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        error(errors, line, "malformed JSON");
      }
    }
    return rows;
  }

  private static void error(List<String> errors, int line, String message) {
    if (errors.size() < MAX_ERRORS) {
      errors.add("line " + line + ": " + message);
    }
  }

  private static String shorten(String s) {
    if (s == null) {
      return "";
    }
    return s.length() > 30 ? s.substring(0, 30) + "..." : s;
  }
}
