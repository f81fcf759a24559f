package com.commentshield.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The examples the default model learns from: the project's {@code training-data/} folder, which
 * the build copies onto the classpath so the service and the evaluation command find it from any
 * working directory.
 */
public final class DefaultTrainingData {

  /** The files of {@code training-data/}, in the order they are read. */
  public static final List<String> FILES =
      List.of(
          "seeds.tsv",
          "written-spam.tsv",
          "written-ham.tsv",
          "written-everyday-spam.tsv",
          "written-everyday-ham.tsv");

  private DefaultTrainingData() {}

  public static List<LabeledText> load() {
    List<LabeledText> all = new ArrayList<>();
    for (String file : FILES) {
      String resource = "training-data/" + file;
      try (InputStream in =
          DefaultTrainingData.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing training data on the classpath: " + resource);
        }
        all.addAll(LabeledTsv.read(in, file));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }
    return all;
  }

  /** A classpath resource's bytes, or null when there is no such resource. */
  static byte[] readResource(String resource) {
    try (InputStream in =
        DefaultTrainingData.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
