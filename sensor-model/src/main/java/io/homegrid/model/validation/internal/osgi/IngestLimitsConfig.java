package io.homegrid.model.validation.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.homegrid.model.validation.Limits;

@ObjectClassDefinition(name = "homegrid ingest limits",
        description = "Bounds on pushed documents, shared by the Data Push Interface and the Sensor Data Parser.")
@interface IngestLimitsConfig {

    @AttributeDefinition(name = "Largest batch", description = "Readings or devices per push; more is answered 413.")
    int maxBatchSize() default Limits.DEFAULT_MAX_BATCH_SIZE;

    @AttributeDefinition(name = "Future skew (s)",
            description = "How far ahead of the backend's clock a reading's time may be before it is refused.")
    int maxFutureSkewSeconds() default Limits.DEFAULT_MAX_FUTURE_SKEW_SECONDS;
}
