package com.commentshield.tools;

import com.commentshield.model.Algorithm;
import com.commentshield.model.DefaultModel;
import com.commentshield.model.TrainingPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Run by the build after compiling ({@code process-classes}): trains the default model of every
 * algorithm and writes it into the compiled classes, so the packaged service ships it and a first
 * start does not train. Never committed: every build writes it anew from the sources it built.
 *
 * <p>Usage: {@code DefaultModelBuild CLASSES_DIRECTORY} (the directory the classes were compiled
 * into, which is also on this program's classpath).
 */
public final class DefaultModelBuild {

  private DefaultModelBuild() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: DefaultModelBuild CLASSES_DIRECTORY");
      System.exit(2);
    }
    Path classes = Path.of(args[0]);
    List<String> trainingClasses = trainingClasses(classes);
    for (Algorithm algorithm : Algorithm.values()) {
      long started = System.nanoTime();
      TrainingPipeline.Result result = DefaultModel.train(algorithm, done -> {});
      Path target = classes.resolve(DefaultModel.resource(algorithm));
      Files.createDirectories(target.getParent());
      Files.write(target, DefaultModel.shippable(result, trainingClasses));
      System.out.printf(
          "Default %s model trained on %d examples in %d ms: %s%n",
          algorithm.id(),
          result.examples(),
          (System.nanoTime() - started) / 1_000_000,
          classes.relativize(target));
    }
  }

  /** The class files of the training code under {@code classes}, as resource names, sorted. */
  public static List<String> trainingClasses(Path classes) throws IOException {
    List<String> names = new ArrayList<>();
    for (String pkg : DefaultModel.TRAINING_CODE) {
      try (Stream<Path> files = Files.list(classes.resolve(pkg))) {
        files
            .filter(f -> f.getFileName().toString().endsWith(".class"))
            .forEach(f -> names.add(pkg + f.getFileName()));
      }
    }
    names.sort(null);
    if (names.isEmpty()) {
      throw new IllegalStateException("no compiled training code under " + classes);
    }
    return names;
  }
}
