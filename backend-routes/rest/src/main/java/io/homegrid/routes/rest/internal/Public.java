package io.homegrid.routes.rest.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A resource method anyone may call without credentials: health, and logging in. Everything else asks. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Public {

    /** Whether a resource method is public: annotated itself, or in a public resource class. */
    java.util.function.Predicate<java.lang.reflect.Method> ON = method -> method.isAnnotationPresent(Public.class)
            || method.getDeclaringClass().isAnnotationPresent(Public.class);
}
