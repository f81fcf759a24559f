package com.commentshield.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Searching only where a match can start answers what the pattern's own search answers, for
 * patterns that begin with a lookbehind or a word boundary (which must still see the text before
 * the place tried), on the project's training comments and on random text.
 */
class PatternSearchTest {

  private static final Pattern AFTER_LETTER = Pattern.compile("(?i)(?<=[a-z0-9])\\s{1,3}dot\\s");
  private static final Pattern WORD_START = Pattern.compile("(?i)\\bh\\s{0,2}t\\s{0,2}tp");
  private static final Pattern NUMBER_WORD = Pattern.compile("(?i)\\b\\d[\\d,.]{0,20}\\s?views\\b");

  @Test
  void everyMatchIsTheOneThePatternsOwnSearchFinds() throws IOException {
    List<String> texts = new ArrayList<>(trainingComments());
    texts.addAll(
        List.of(
            "shttp is not a scheme, but h ttp is",
            "example dot com and 1 dot net",
            "x1,000 views vs 2,000 views",
            "a  dot  b dot c",
            ""));
    Random random = new Random(7);
    String alphabet = "ahtpdo HT1,. 09view s";
    for (int n = 0; n < 2_000; n++) {
      StringBuilder s = new StringBuilder();
      for (int i = random.nextInt(40); i > 0; i--) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      texts.add(s.toString());
    }
    for (String text : texts) {
      check(AFTER_LETTER, text, i -> PatternSearch.isPatternSpace(text.charAt(i)));
      check(WORD_START, text, i -> Character.toLowerCase(text.charAt(i)) == 'h');
      check(NUMBER_WORD, text, i -> PatternSearch.isAsciiDigit(text.charAt(i)));
    }
  }

  @Test
  void aWordBoundaryIsJudgedOnTheWholeText() {
    // "shttp": a plain region from the h would take its start for a word boundary
    assertEquals(false, PatternSearch.findAt(WORD_START, "shttp", new int[] {1}, 1), "shttp");
    assertEquals(true, PatternSearch.findAt(WORD_START, "s http", new int[] {2}, 1), "s http");
    // "x1 views": no boundary before the 1
    assertEquals(false, PatternSearch.findAt(NUMBER_WORD, "x1 views", new int[] {1}, 1));
  }

  private static void check(Pattern pattern, String text, IntPredicate mayStartAt) {
    int[] starts = new int[text.length()];
    int count = 0;
    for (int i = 0; i < text.length(); i++) {
      if (mayStartAt.test(i)) {
        starts[count++] = i;
      }
    }
    Matcher plain = pattern.matcher(text);
    Matcher fast = PatternSearch.matcher(pattern, text);
    assertEquals(
        plain.find(),
        PatternSearch.findAt(pattern, text, starts, count),
        () -> pattern + " on " + text);
    // every match, in order, as the pattern's own search finds them one after another
    plain.reset();
    int from = 0;
    while (plain.find()) {
      assertEquals(
          true, PatternSearch.find(fast, text, from, mayStartAt), () -> pattern + " on " + text);
      assertEquals(plain.start(), fast.start(), () -> pattern + " on " + text);
      assertEquals(plain.end(), fast.end(), () -> pattern + " on " + text);
      from = fast.end();
    }
    assertEquals(
        false, PatternSearch.find(fast, text, from, mayStartAt), () -> pattern + " on " + text);
  }

  private static List<String> trainingComments() throws IOException {
    List<String> texts = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("training-data"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".tsv")).sorted().toList()) {
        for (String line : Files.readAllLines(file)) {
          int tab = line.indexOf('\t');
          texts.add(tab < 0 ? line : line.substring(tab + 1));
        }
      }
    }
    return texts;
  }
}
