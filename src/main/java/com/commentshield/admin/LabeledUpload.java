package com.commentshield.admin;

import com.commentshield.common.ClientProblem;
import com.commentshield.common.InvalidRowsException;
import com.commentshield.common.Problem;
import com.commentshield.model.LabeledText;
import com.commentshield.model.LabeledTsv;
import com.commentshield.model.LabeledTsv.LineError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads uploaded labeled examples: TSV ({@code text/tab-separated-values}, read by {@link
 * LabeledTsv}), CSV ({@code text/csv}, RFC 4180 quoting, the same header) or JSON lines ({@code
 * application/x-ndjson}, objects with {@code label} and {@code text}). Every bad row is reported
 * with its line number, and then nothing is used.
 */
final class LabeledUpload {

  static final String TSV = "text/tab-separated-values";
  static final String CSV = "text/csv";
  static final String NDJSON = "application/x-ndjson";

  /** Largest upload accepted. */
  static final int MAX_BYTES = 16 * 1024 * 1024;

  private static final int MAX_ERRORS = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  private LabeledUpload() {}

  /**
   * The rows of an upload of media type {@code mediaType} (one of the three above).
   *
   * @throws InvalidRowsException naming every bad row (at most 50) when there is one
   */
  static List<LabeledText> parse(byte[] body, String mediaType, String source) {
    if (body == null || body.length == 0) {
      throw ClientProblem.invalid("the upload is empty");
    }
    if (body.length > MAX_BYTES) {
      throw new ClientProblem(413, "the upload is larger than " + MAX_BYTES + " bytes");
    }
    String text;
    try {
      text = LabeledTsv.decode(body);
    } catch (IllegalArgumentException e) {
      throw rejected(List.of(new LineError(1, "the upload is not valid UTF-8")));
    }
    List<LineError> errors = new ArrayList<>();
    List<LabeledText> rows =
        switch (mediaType.toLowerCase(Locale.ROOT)) {
          case TSV -> {
            LabeledTsv.Parsed parsed = LabeledTsv.parse(text, source, MAX_ERRORS);
            errors.addAll(parsed.errors());
            yield parsed.rows();
          }
          case CSV -> validated(csv(text, errors), source, errors);
          case NDJSON -> validated(jsonLines(text, errors), source, errors);
          // a wildcard such as */* passes @Consumes, but names no format
          default ->
              throw new ClientProblem(
                  415, "send labeled examples as " + TSV + ", " + CSV + " or " + NDJSON);
        };
    if (rows.isEmpty() && errors.isEmpty()) {
      errors.add(new LineError(1, "no rows: the upload holds a header at most"));
    }
    if (!errors.isEmpty()) {
      throw rejected(errors);
    }
    return rows;
  }

  private static InvalidRowsException rejected(List<LineError> errors) {
    return new InvalidRowsException(
        errors.size() + " bad rows; nothing was imported",
        errors.stream()
            .limit(MAX_ERRORS)
            .map(e -> new Problem.FieldError("line " + e.line(), e.message()))
            .toList());
  }

  private record Raw(int line, String label, String text) {}

  private static List<LabeledText> validated(List<Raw> raw, String source, List<LineError> errors) {
    List<LabeledText> rows = new ArrayList<>();
    for (Raw r : raw) {
      LabeledText row = LabeledTsv.row(r.line(), r.label(), r.text(), source, errors);
      if (row != null) {
        rows.add(row);
      }
    }
    return rows;
  }

  private static List<Raw> csv(String text, List<LineError> errors) {
    List<List<String>> records = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    splitCsv(text, records, lines, errors);
    if (records.isEmpty()) {
      return List.of();
    }
    List<String> header =
        records.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    int label = header.indexOf("label");
    int body = header.indexOf("text");
    if (label < 0 || body < 0) {
      errors.add(
          new LineError(
              lines.get(0),
              "the header must name the columns 'label' and 'text', found " + header));
      return List.of();
    }
    List<Raw> rows = new ArrayList<>();
    for (int i = 1; i < records.size(); i++) {
      List<String> cells = records.get(i);
      if (cells.size() <= Math.max(label, body)) {
        errors.add(
            new LineError(
                lines.get(i),
                "expected " + header.size() + " columns separated by ',', found " + cells.size()));
        continue;
      }
      rows.add(new Raw(lines.get(i), cells.get(label), cells.get(body)));
    }
    return rows;
  }

  /** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
  private static void splitCsv(
      String text, List<List<String>> records, List<Integer> lines, List<LineError> errors) {
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
      errors.add(new LineError(recordLine, "a quoted field is never closed"));
      return;
    }
    if (recordHasContent || !field.isEmpty()) {
      record.add(field.toString());
      records.add(record);
      lines.add(recordLine);
    }
  }

  private static List<Raw> jsonLines(String text, List<LineError> errors) {
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
          errors.add(new LineError(line, "expected a JSON object"));
          continue;
        }
        JsonNode label = node.get("label");
        JsonNode body = node.has("text") ? node.get("text") : node.get("content");
        if (label != null && !label.isTextual() || body != null && !body.isTextual()) {
          errors.add(new LineError(line, "'label' and 'text' must be strings"));
          continue;
        }
        rows.add(
            new Raw(
                line, label == null ? null : label.asText(), body == null ? null : body.asText()));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        errors.add(new LineError(line, "malformed JSON"));
      }
    }
    return rows;
  }
}
