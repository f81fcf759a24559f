package com.commentshield.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns the saved seed pages into labeled rows: the reader comments of a news page's comment
 * section (on the seed pages these are all pharmacy spam) and the posts of a forum thread (real
 * discussion, ham). Everything else on a page (article text, navigation, "Post a comment", terms,
 * related-thread lists) is page furniture and is skipped.
 *
 * <p>Run {@code bin/extract-seeds} to rewrite {@code training-data/seeds.tsv}; the output is the
 * same on every run for the same pages.
 */
public final class SeedExtractor {

  /** One extracted example. */
  public record Row(String label, String text, String source) {}

  private static final Pattern COMMENT_SECTION =
      Pattern.compile("^soundoff \\(\\d+ Responses?\\)$");
  private static final Pattern COMMENT_AUTHOR = Pattern.compile("^\\s+\\d+\\.\\s+(\\S.*)$");
  private static final Pattern COMMENT_DATE =
      Pattern.compile("^\\s+[A-Z][a-z]+ \\d{1,2}, \\d{4} at \\d{1,2}:\\d{2} [ap]m \\| Reply$");
  private static final Pattern FORUM_THREAD = Pattern.compile("^Thread: .+$");
  private static final Pattern FORUM_POST = Pattern.compile("^\\s+\\d+\\.\\s+#\\d+$");
  private static final Pattern FORUM_END =
      Pattern.compile("^(Similar Threads|Posting Permissions)$");

  private SeedExtractor() {}

  public static void main(String[] args) throws IOException {
    Path seeds = Path.of(args.length > 0 ? args[0] : "seeds");
    Path out = Path.of(args.length > 1 ? args[1] : "training-data/seeds.tsv");
    List<Row> rows = extractAll(seeds);
    Files.writeString(out, toTsv(rows), StandardCharsets.UTF_8);
    System.out.println("wrote " + rows.size() + " rows to " + out);
  }

  /** Extracts every page in {@code dir}, in file-name order. */
  public static List<Row> extractAll(Path dir) throws IOException {
    List<Path> pages;
    try (Stream<Path> files = Files.list(dir)) {
      pages = files.filter(Files::isRegularFile).sorted().toList();
    }
    List<Row> rows = new ArrayList<>();
    for (Path page : pages) {
      List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
      rows.addAll(extract(lines, "seed:" + page.getFileName()));
    }
    return rows;
  }

  /** The rows of one page. */
  public static List<Row> extract(List<String> lines, String source) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (COMMENT_SECTION.matcher(lines.get(i)).matches()) {
        rows.addAll(comments(lines, i + 1, source));
      } else if (FORUM_THREAD.matcher(lines.get(i)).matches()) {
        rows.addAll(forumPosts(lines, i + 1, source));
      }
    }
    return rows;
  }

  /** Comments: "N. author", the text, then "Month D, YYYY at H:MM pm | Reply". */
  private static List<Row> comments(List<String> lines, int from, String source) {
    List<Row> rows = new ArrayList<>();
    StringBuilder text = null;
    for (int i = from; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher author = COMMENT_AUTHOR.matcher(line);
      if (text == null && author.matches()) {
        text = new StringBuilder();
      } else if (text != null && COMMENT_DATE.matcher(line).matches()) {
        if (!text.isEmpty()) {
          rows.add(new Row("spam", text.toString(), source));
        }
        text = null;
      } else if (text != null) {
        append(text, line);
      } else if (!line.isBlank() && !line.startsWith(" ")) {
        break; // past the last comment: pager, "Post a comment", terms
      }
    }
    return rows;
  }

  /**
   * Forum posts: "N. #N", the poster block ("Join Date" and its date, or a name line), then the
   * post body up to the next post or the thread's footer.
   */
  private static List<Row> forumPosts(List<String> lines, int from, String source) {
    List<Row> rows = new ArrayList<>();
    StringBuilder text = null;
    for (int i = from; i < lines.size(); i++) {
      String line = lines.get(i);
      if (FORUM_POST.matcher(line).matches() || FORUM_END.matcher(line).matches()) {
        if (text != null && !text.isEmpty()) {
          rows.add(new Row("ham", text.toString(), source));
        }
        if (FORUM_END.matcher(line).matches()) {
          return rows;
        }
        text = new StringBuilder();
        i = skipPosterBlock(lines, i + 1) - 1;
      } else if (text != null) {
        append(text, line);
      }
    }
    if (text != null && !text.isEmpty()) {
      rows.add(new Row("ham", text.toString(), source));
    }
    return rows;
  }

  /** Returns the index of the first body line after the poster's name or join date. */
  private static int skipPosterBlock(List<String> lines, int i) {
    if (i < lines.size() && lines.get(i).trim().equals("Join Date")) {
      return i + 2;
    }
    return i + 1; // a single line naming the poster, e.g. "name Guest"
  }

  private static void append(StringBuilder text, String line) {
    String trimmed = line.trim();
    if (trimmed.isEmpty()) {
      return;
    }
    if (!text.isEmpty()) {
      text.append(' ');
    }
    text.append(trimmed.replace('\t', ' '));
  }

  public static String toTsv(List<Row> rows) {
    StringBuilder sb = new StringBuilder("label\ttext\tsource\n");
    for (Row row : rows) {
      sb.append(row.label())
          .append('\t')
          .append(row.text())
          .append('\t')
          .append(row.source())
          .append('\n');
    }
    return sb.toString();
  }
}
