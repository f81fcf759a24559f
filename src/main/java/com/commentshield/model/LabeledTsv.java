package com.commentshield.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
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
 * no quoting, one example per line.
 */
public final class LabeledTsv {

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
    Reader reader =
        new InputStreamReader(
            in,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    try (BufferedReader lines = new BufferedReader(reader)) {
      String header = lines.readLine();
      if (header == null) {
        throw new IllegalArgumentException("line 1: empty input, expected a header row");
      }
      List<String> columns =
          Arrays.stream(stripBom(header).split("\t", -1))
              .map(c -> c.trim().toLowerCase(Locale.ROOT))
              .toList();
      int labelColumn = columns.indexOf("label");
      int textColumn = columns.indexOf("text");
      int sourceColumn = columns.indexOf("source");
      if (labelColumn < 0 || textColumn < 0) {
        throw new IllegalArgumentException(
            "line 1: the header must name the columns 'label' and 'text', found " + columns);
      }
      List<LabeledText> rows = new ArrayList<>();
      String line;
      int number = 1;
      while ((line = lines.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split("\t", -1);
        if (cells.length <= Math.max(labelColumn, textColumn)) {
          throw new IllegalArgumentException(
              "line "
                  + number
                  + ": expected at least "
                  + (Math.max(labelColumn, textColumn) + 1)
                  + " tab-separated columns, found "
                  + cells.length);
        }
        String label = cells[labelColumn].trim().toLowerCase(Locale.ROOT);
        boolean spam;
        if (label.equals("spam")) {
          spam = true;
        } else if (label.equals("ham")) {
          spam = false;
        } else {
          throw new IllegalArgumentException(
              "line "
                  + number
                  + ": label must be 'spam' or 'ham', was '"
                  + cells[labelColumn]
                  + "'");
        }
        String text = cells[textColumn];
        if (text.isBlank()) {
          throw new IllegalArgumentException("line " + number + ": empty text");
        }
        String source =
            sourceColumn >= 0 && sourceColumn < cells.length && !cells[sourceColumn].isBlank()
                ? cells[sourceColumn].trim()
                : defaultSource;
        rows.add(LabeledText.of(spam, text, source));
      }
      return rows;
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalArgumentException("input is not valid UTF-8", e);
    }
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }
}
