package io.homegrid.gateway.push.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.homegrid.gateway.push.PushSettings;

@ObjectClassDefinition(name = "homegrid push", description = "Where and how the gateway delivers its readings.")
@interface PushConfig {

    @AttributeDefinition(name = "Backend", description = "Base URL of the backend.")
    String backend() default PushSettings.DEFAULT_BACKEND;

    @AttributeDefinition(name = "Gateway id", description = "This gateway's identifier at the backend.")
    String gateway() default PushSettings.DEFAULT_GATEWAY;

    @AttributeDefinition(name = "Batch size", description = "Readings per push (at most 1000).")
    int batchSize() default PushSettings.DEFAULT_BATCH_SIZE;

    @AttributeDefinition(name = "Backlog rate", description = "Readings per second sent from a backlog, besides live data.")
    int backlogRate() default PushSettings.DEFAULT_BACKLOG_RATE;

    @AttributeDefinition(name = "Interval (ms)", description = "Pause between pushes once the cache is drained.")
    int intervalMillis() default PushSettings.DEFAULT_INTERVAL_MILLIS;

    @AttributeDefinition(name = "Command wait (s)", description = "How long each command long poll waits.")
    int commandWaitSeconds() default PushSettings.DEFAULT_COMMAND_WAIT_SECONDS;

    @AttributeDefinition(name = "Secret", type = AttributeType.PASSWORD, required = false,
            description = "The secret the backend issued when this gateway was registered.")
    String secret() default "";

    @AttributeDefinition(name = "Backend certificate", required = false,
            description = "SHA-256 fingerprint of the backend's certificate, as it prints it; empty: trust the JVM's CAs.")
    String backendFingerprint() default "";

    @AttributeDefinition(name = "Bundle signer", required = false,
            description = "The certificate (PEM) of the one signer whose bundles the backend may install here; empty:"
                    + " bundle updates from the backend are refused. Relative to the working directory.")
    String updateSigner() default "";
}
