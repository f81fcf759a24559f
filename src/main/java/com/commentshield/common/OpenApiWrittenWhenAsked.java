package com.commentshield.common;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;

/**
 * Changes nothing in the OpenAPI document; it is there so that the document is written out (as YAML
 * and as JSON) when {@code /q/openapi} is asked for, not at every start. Without a filter of the
 * per-request stage, Quarkus writes both forms while the service starts, which took a tenth of the
 * start's main thread and brought the YAML writer to the JIT's top compilation tier before the
 * service was ready. The document served is the same.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_PER_REQUEST)
public class OpenApiWrittenWhenAsked implements OASFilter {}
