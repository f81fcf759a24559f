package com.commentshield.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * How request bodies are read. Strict where leniency would hide a client's mistake, lenient where
 * clients legitimately differ:
 *
 * <ul>
 *   <li>Wrong JSON types are errors, not silently converted: {@code "content": 123} or {@code
 *       "content": true} is a 400 naming the field, not the text "123".
 *   <li>A key given twice ({@code {"content":"a","content":"b"}}) is a 400: which one a reader
 *       takes differs between parsers, so a proxy and this service could see different comments.
 *   <li>Anything after the JSON value ({@code {...} {...}}) is a 400, not silently ignored.
 *   <li>Nesting deeper than {@value #MAX_NESTING_DEPTH} levels and numbers longer than {@value
 *       #MAX_NUMBER_LENGTH} characters are refused while parsing; no request needs either.
 *   <li>A body that is not UTF-8 is a 400 naming the bad byte and where it is ({@link
 *       CheckedJsonInput}).
 *   <li>Unknown properties are accepted and ignored (Quarkus's default): comment systems send extra
 *       fields, and a new optional field must not break older clients.
 * </ul>
 */
@Singleton
public class StrictJsonCustomizer implements ObjectMapperCustomizer {

  /** Deepest nesting of arrays and objects a body may have. */
  public static final int MAX_NESTING_DEPTH = 100;

  /** Longest number literal, in characters, a body may hold. */
  public static final int MAX_NUMBER_LENGTH = 100;

  @Override
  public void customize(ObjectMapper mapper) {
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    // Numbers and booleans must be JSON numbers and booleans: "0.5" for a threshold is an error.
    for (LogicalType type :
        new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
      mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }
    mapper
        .coercionConfigFor(LogicalType.Enum)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    // UTF-8 checked as it streams in, and the latest bytes kept to describe errors with
    mapper.getFactory().setInputDecorator(new CheckedJsonInput());
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .build());
  }
}
