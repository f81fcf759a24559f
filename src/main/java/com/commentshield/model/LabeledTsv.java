package com.commentshield.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads labeled examples from tab-separated text: a header row naming the columns, {@code label}
 * ({@code spam} or {@code ham}) and {@code text} required, {@code source} optional, others ignored;
 * no quoting, one example per line. The one reader of labeled TSV: the training data, {@code
 * bin/evaluate} and the admins' import all use it.
 */
public final class LabeledTsv {

  /** The longest text an example may have, as {@code /classify} accepts it. */
  public static final int MAX_TEXT = 10_000;

  /** What parsing found: the rows, and every bad row (up to a limit) with its line. */
  public record Parsed(List<LabeledText> rows, List<LineError> errors) {}

  /** A bad row. */
  public record LineError(int line, String message) {
    @Override
    public String toString() {
      return "line " + line + ": " + message;
    }
  }

  private LabeledTsv() {}

  public static List<LabeledText> read(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, path.getFileName().toString());
    }
  }

  /**
   * Reads {@code in}; rows without a {@code source} column get {@code defaultSource}.
   *
   * @throws IllegalArgumentException naming the line of the first bad row
   */
  public static List<LabeledText> read(InputStream in, String defaultSource) throws IOException {
    Parsed parsed = parse(decode(in.readAllBytes()), defaultSource, 1);
    if (!parsed.errors().isEmpty()) {
      throw new IllegalArgumentException(parsed.errors().getFirst().toString());
    }
    return parsed.rows();
  }

  /**
   * UTF-8 text of {@code bytes}, without a leading byte-order mark.
   *
   * @throws IllegalArgumentException when the bytes are not UTF-8
   */
  public static String decode(byte[] bytes) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("input is not valid UTF-8", e);
    }
  }

  /**
   * Parses every row, collecting up to {@code maxErrors} bad ones instead of stopping at the first;
   * callers use the rows only when there are none.
   */
  public static Parsed parse(String text, String defaultSource, int maxErrors) {
    List<LineError> errors = new ArrayList<>();
    List<LabeledText> rows = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    int first = 0;
    while (first < lines.length && lines[first].isBlank()) {
      first++;
    }
    if (first == lines.length) {
      errors.add(new LineError(1, "empty input, expected a header row"));
      return new Parsed(List.of(), errors);
    }
    List<String> columns =
        Arrays.stream(lines[first].split("\t", -1))
            .map(c -> c.strip().toLowerCase(Locale.ROOT))
            .toList();
    int labelColumn = columns.indexOf("label");
    int textColumn = columns.indexOf("text");
    int sourceColumn = columns.indexOf("source");
    if (labelColumn < 0 || textColumn < 0) {
      errors.add(
          new LineError(
              first + 1, "the header must name the columns 'label' and 'text', found " + columns));
      return new Parsed(List.of(), errors);
    }
    int needed = Math.max(labelColumn, textColumn) + 1;
    for (int i = first + 1; i < lines.length && errors.size() < maxErrors; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      int number = i + 1;
      String[] cells = line.split("\t", -1);
      if (cells.length < needed) {
        errors.add(
            new LineError(
                number,
                "expected at least " + needed + " tab-separated columns, found " + cells.length));
        continue;
      }
      String source =
          sourceColumn >= 0 && sourceColumn < cells.length && !cells[sourceColumn].isBlank()
              ? cells[sourceColumn].strip()
              : defaultSource;
      LabeledText row = row(number, cells[labelColumn], cells[textColumn], source, errors);
      if (row != null) {
        rows.add(row);
      }
    }
    return new Parsed(errors.isEmpty() ? rows : List.of(), errors);
  }

  /**
   * One example from a row's label and text, or null after adding to {@code errors} what is wrong
   * with it; for every format of labeled rows.
   */
  public static LabeledText row(
      int line, String label, String text, String source, List<LineError> errors) {
    String l = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
    String body = text == null ? "" : text.strip();
    if (!l.equals("spam") && !l.equals("ham")) {
      errors.add(
          new LineError(line, "label must be 'spam' or 'ham', was '" + shorten(label) + "'"));
    } else if (body.isEmpty()) {
      errors.add(new LineError(line, "empty text"));
    } else if (body.length() > MAX_TEXT) {
      errors.add(new LineError(line, "text is longer than " + MAX_TEXT + " characters"));
    } else {
      return LabeledText.of(l.equals("spam"), body, source);
    }
    return null;
  }

  private static String shorten(String s) {
    if (s == null) {
      return "";
    }
    return s.length() > 30 ? s.substring(0, 30) + "..." : s;
  }
}
