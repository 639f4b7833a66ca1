package io.homegrid.routes.parser.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.homegrid.routes.parser.ParserSettings;

@ObjectClassDefinition(name = "homegrid Sensor Data Parser",
        description = "Validates raw reading batches and routes them to readings.parsed and readings.invalid.")
@interface ParserConfig {

    @AttributeDefinition(name = "Consumers", description = "Concurrent consumers of readings.raw.")
    int consumers() default ParserSettings.DEFAULT_CONSUMERS;

}
