package io.homegrid.security.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.homegrid.security.AccessSettings;

@ObjectClassDefinition(name = "homegrid access control", description = "Tokens and the first operator.")
public @interface AccessConfig {

    @AttributeDefinition(description = "How long an access token is valid, in seconds")
    int tokenLifetimeSeconds() default AccessSettings.DEFAULT_TOKEN_LIFETIME_SECONDS;
}
