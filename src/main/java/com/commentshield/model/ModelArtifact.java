package com.commentshield.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
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
    return write(model);
  }

  /**
   * Reads a model written by {@link #toBytes}.
   *
   * @throws IllegalArgumentException when the bytes are not a model or hold a class outside the
   *     allowed set
   */
  public static SpamModel fromBytes(byte[] artifact) {
    return read(artifact, SpamModel.class, "the artifact holds no model");
  }

  /** Writes {@code value} in the artifact format: Java serialization, gzip-compressed. */
  static byte[] write(Serializable value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
    try (ObjectOutputStream out = new ObjectOutputStream(new GZIPOutputStream(bytes))) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize the model", e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads what {@link #write} wrote, through the same class filter as a stored model.
   *
   * @throws IllegalArgumentException when the bytes hold no {@code type} (then with {@code
   *     notThatType} as the message) or a class outside the allowed set
   */
  static <T> T read(byte[] artifact, Class<T> type, String notThatType) {
    try (ObjectInputStream in =
        new ObjectInputStream(new GZIPInputStream(new ByteArrayInputStream(artifact)))) {
      in.setObjectInputFilter(ALLOWED);
      Object read = in.readObject();
      if (!type.isInstance(read)) {
        throw new IllegalArgumentException(notThatType);
      }
      return type.cast(read);
    } catch (InvalidClassException e) {
      throw new IllegalArgumentException(
          "the artifact holds a class that is not allowed: " + e.getMessage(), e);
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalArgumentException("the artifact cannot be read: " + e.getMessage(), e);
    }
  }
}
