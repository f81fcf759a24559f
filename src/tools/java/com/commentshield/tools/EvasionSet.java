package com.commentshield.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives an evasion test set from the project's own spam ({@code training-data/written-spam.tsv}):
 * every fifth spam row (by position in the file, so the same rows every time) is held out of
 * training and written twice, unmodified ({@code clean.tsv}) and obfuscated the way spammers dodge
 * filters ({@code obfuscated.tsv}: leetspeak, Cyrillic look-alike letters, zero-width characters,
 * spaced-out letters, and URL tricks such as {@code hxxp} and {@code [.]}). Both sets carry the
 * same number of held-out ham rows from {@code written-ham.tsv}, so precision, MCC and the
 * false-positive rate mean something. {@code train.tsv} is the rest of {@code training-data/}.
 * Seeded and deterministic: the same input and seed give byte-identical files.
 *
 * <p>usage: {@code java com.commentshield.tools.EvasionSet OUT_DIR [--training-data DIR] [--seed
 * N]}
 */
public final class EvasionSet {

  /**
   * Every {@code HOLDOUT_EVERY}-th data row (0, 5, 10, ...) of the spam and ham files is held out.
   */
  public static final int HOLDOUT_EVERY = 5;

  public static final long DEFAULT_SEED = 20240607L;

  /** One labeled row. */
  public record Row(String label, String text, String source) {}

  /** The three sets: what to train on, the held-out rows as they are, and obfuscated. */
  public record Sets(List<Row> train, List<Row> clean, List<Row> obfuscated) {}

  private static final Pattern URL =
      Pattern.compile(
          "(?i)\\b(?:https?://)?(?:www\\.)?[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,}(?:/[^\\s]*)?");
  private static final Pattern WORD = Pattern.compile("\\p{L}{3,}");

  private static final Map<Character, String[]> LEET =
      Map.of(
          'a', new String[] {"4", "@"},
          'e', new String[] {"3"},
          'i', new String[] {"1", "!"},
          'o', new String[] {"0"},
          's', new String[] {"5", "$"},
          't', new String[] {"7"},
          'g', new String[] {"9"},
          'b', new String[] {"8"});

  /** Latin letters and the Cyrillic letters that look the same. */
  private static final Map<Character, Character> CYRILLIC =
      Map.ofEntries(
          Map.entry('a', '\u0430'),
          Map.entry('c', '\u0441'),
          Map.entry('e', '\u0435'),
          Map.entry('o', '\u043E'),
          Map.entry('p', '\u0440'),
          Map.entry('x', '\u0445'),
          Map.entry('y', '\u0443'),
          Map.entry('i', '\u0456'),
          Map.entry('A', '\u0410'),
          Map.entry('B', '\u0412'),
          Map.entry('C', '\u0421'),
          Map.entry('E', '\u0415'),
          Map.entry('H', '\u041D'),
          Map.entry('K', '\u041A'),
          Map.entry('M', '\u041C'),
          Map.entry('O', '\u041E'),
          Map.entry('P', '\u0420'),
          Map.entry('T', '\u0422'),
          Map.entry('X', '\u0425'));

  private static final char[] ZERO_WIDTH = {'\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'};

  private EvasionSet() {}

  public static void main(String[] args) throws IOException {
    Path out = null;
    Path data = Path.of("training-data");
    long seed = DEFAULT_SEED;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--training-data" -> data = Path.of(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        default -> out = Path.of(args[i]);
      }
    }
    if (out == null) {
      System.err.println(
          "usage: EvasionSet OUT_DIR [--training-data DIR] [--seed N]\n"
              + "writes OUT_DIR/train.tsv, OUT_DIR/clean.tsv and OUT_DIR/obfuscated.tsv");
      System.exit(2);
    }
    Sets sets = build(data, seed);
    Files.createDirectories(out);
    write(out.resolve("train.tsv"), sets.train());
    write(out.resolve("clean.tsv"), sets.clean());
    write(out.resolve("obfuscated.tsv"), sets.obfuscated());
    System.err.printf(
        Locale.ROOT,
        "evasion set: %d train, %d clean, %d obfuscated rows in %s%n",
        sets.train().size(),
        sets.clean().size(),
        sets.obfuscated().size(),
        out);
  }

  /** Builds the sets from the files of {@code trainingData} with {@code seed}. */
  public static Sets build(Path trainingData, long seed) throws IOException {
    List<Row> train = new ArrayList<>();
    List<Row> heldSpam = new ArrayList<>();
    List<Row> heldHam = new ArrayList<>();
    Path seeds = trainingData.resolve("seeds.tsv");
    if (Files.exists(seeds)) {
      train.addAll(read(seeds));
    }
    List<Row> spam = read(trainingData.resolve("written-spam.tsv"));
    for (int i = 0; i < spam.size(); i++) {
      (i % HOLDOUT_EVERY == 0 ? heldSpam : train).add(spam.get(i));
    }
    List<Row> ham = read(trainingData.resolve("written-ham.tsv"));
    for (int i = 0; i < ham.size(); i++) {
      boolean held = i % HOLDOUT_EVERY == 0 && heldHam.size() < heldSpam.size();
      (held ? heldHam : train).add(ham.get(i));
    }
    Random random = new Random(seed);
    List<Row> clean = new ArrayList<>(heldSpam);
    List<Row> obfuscated = new ArrayList<>();
    for (Row row : heldSpam) {
      obfuscated.add(
          new Row(row.label(), obfuscate(row.text(), random), row.source() + "+evasion"));
    }
    clean.addAll(heldHam);
    obfuscated.addAll(heldHam);
    return new Sets(train, clean, obfuscated);
  }

  /**
   * Obfuscates one spam text: URLs get URL tricks, and about two words in three get one of
   * leetspeak, Cyrillic look-alikes, zero-width characters or spaced-out letters. The result always
   * differs from the input.
   */
  public static String obfuscate(String text, Random random) {
    StringBuilder out = new StringBuilder();
    Matcher url = URL.matcher(text);
    int at = 0;
    while (url.find()) {
      out.append(obfuscateWords(text.substring(at, url.start()), random));
      out.append(urlTrick(url.group(), random));
      at = url.end();
    }
    out.append(obfuscateWords(text.substring(at), random));
    String result = out.toString();
    if (result.equals(text)) { // nothing matched: hide every letter behind zero-width characters
      result = zeroWidth(text, random);
    }
    return result;
  }

  private static String obfuscateWords(String text, Random random) {
    StringBuilder out = new StringBuilder();
    Matcher word = WORD.matcher(text);
    int at = 0;
    while (word.find()) {
      out.append(text, at, word.start());
      String w = word.group();
      if (random.nextDouble() < 0.65) {
        w =
            switch (random.nextInt(4)) {
              case 0 -> leet(w, random);
              case 1 -> cyrillic(w, random);
              case 2 -> zeroWidth(w, random);
              default -> w.length() <= 10 ? String.join(" ", w.split("")) : leet(w, random);
            };
      }
      out.append(w);
      at = word.end();
    }
    return out.append(text.substring(at)).toString();
  }

  static String leet(String word, Random random) {
    StringBuilder out = new StringBuilder();
    boolean changed = false;
    for (char c : word.toCharArray()) {
      String[] options = LEET.get(Character.toLowerCase(c));
      if (options != null && (random.nextDouble() < 0.7 || !changed)) {
        out.append(options[random.nextInt(options.length)]);
        changed = true;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static String cyrillic(String word, Random random) {
    StringBuilder out = new StringBuilder();
    for (char c : word.toCharArray()) {
      Character look = CYRILLIC.get(c);
      out.append(look != null && random.nextDouble() < 0.7 ? look : c);
    }
    String result = out.toString();
    return result.equals(word) ? zeroWidth(word, random) : result;
  }

  static String zeroWidth(String word, Random random) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < word.length(); i++) {
      out.append(word.charAt(i));
      if (i + 1 < word.length()
          && Character.isLetter(word.charAt(i))
          && (random.nextDouble() < 0.5 || i == 0)) {
        out.append(ZERO_WIDTH[random.nextInt(ZERO_WIDTH.length)]);
      }
    }
    return out.toString();
  }

  static String urlTrick(String url, Random random) {
    String u = url;
    if (u.regionMatches(true, 0, "http", 0, 4)) {
      u = (random.nextBoolean() ? "hxxp" : "hXXp") + u.substring(4);
      if (random.nextBoolean()) {
        u = u.replaceFirst("://", "[:]//");
      }
    }
    String dot =
        switch (random.nextInt(4)) {
          case 0 -> "[.]";
          case 1 -> "(.)";
          case 2 -> " dot ";
          default -> "[dot]";
        };
    int scheme = u.indexOf("//");
    int slash = u.indexOf('/', scheme < 0 ? 0 : scheme + 2);
    String host = slash < 0 ? u : u.substring(0, slash);
    String rest = slash < 0 ? "" : u.substring(slash);
    return host.replace(".", dot) + rest;
  }

  static List<Row> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String[] header = lines.get(0).replace("\uFEFF", "").split("\t", -1);
    int label = -1;
    int text = -1;
    int source = -1;
    for (int i = 0; i < header.length; i++) {
      switch (header[i].trim().toLowerCase(Locale.ROOT)) {
        case "label" -> label = i;
        case "text" -> text = i;
        case "source" -> source = i;
        default -> {}
      }
    }
    List<Row> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split("\t", -1);
      rows.add(
          new Row(
              cells[label].trim(),
              cells[text],
              source >= 0 && source < cells.length
                  ? cells[source]
                  : file.getFileName().toString()));
    }
    return rows;
  }

  static void write(Path file, List<Row> rows) throws IOException {
    StringBuilder out = new StringBuilder("label\ttext\tsource\n");
    for (Row row : rows) {
      out.append(row.label())
          .append('\t')
          .append(row.text())
          .append('\t')
          .append(row.source())
          .append('\n');
    }
    Files.writeString(file, out, StandardCharsets.UTF_8);
  }
}
