package com.commentshield.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Turns a {@link SpamModel} into bytes for storage and back. Reading accepts only the classes a
 * model is made of (the project's model classes, Smile's classifiers and the JDK's plain value
 * types), so a tampered artifact cannot make the service instantiate anything else.
 */
public final class ModelArtifact {

  /**
   * The classes a stored model may contain; everything else is rejected. Arrays are checked by
   * their element type, and arrays of primitives are always allowed.
   */
  static final ObjectInputFilter ALLOWED =
      ObjectInputFilter.Config.createFilter(
          "maxdepth=20;maxrefs=100000;maxarray=67108864;"
              + "com.commentshield.model.*;com.commentshield.text.FeatureSettings;"
              + "smile.classification.*;smile.util.*;"
              + "java.lang.Enum;java.lang.Number;java.lang.Integer;java.lang.Double;java.lang.Long;"
              + "java.lang.String;java.lang.Boolean;java.lang.Record;"
              + "java.util.TreeMap;java.util.HashMap;java.util.LinkedHashMap;java.util.ArrayList;"
              + "java.util.Map$Entry;java.time.Instant;java.time.Ser;!*");

  private ModelArtifact() {}

  public static byte[] toBytes(SpamModel model) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
    try (ObjectOutputStream out = new ObjectOutputStream(new GZIPOutputStream(bytes))) {
      out.writeObject(model);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize the model", e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads a model written by {@link #toBytes}.
   *
   * @throws IllegalArgumentException when the bytes are not a model or hold a class outside the
   *     allowed set
   */
  public static SpamModel fromBytes(byte[] artifact) {
    try (ObjectInputStream in =
        new ObjectInputStream(new GZIPInputStream(new ByteArrayInputStream(artifact)))) {
      in.setObjectInputFilter(ALLOWED);
      Object read = in.readObject();
      if (!(read instanceof SpamModel model)) {
        throw new IllegalArgumentException("the artifact holds no model");
      }
      return model;
    } catch (InvalidClassException e) {
      throw new IllegalArgumentException("the artifact holds a class that is not allowed: " + e.getMessage(), e);
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalArgumentException("the artifact cannot be read: " + e.getMessage(), e);
    }
  }
}
