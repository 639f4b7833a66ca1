package io.homegrid.gateway.api.test;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a component's configuration annotation as Declarative Services does: each attribute
 * answers the configured value, else the annotation's own default.
 */
public final class Configs {

    private Configs() {
    }

    /** The configuration with every attribute at its default. */
    public static <A> A defaults(Class<A> type) {
        return of(type, Map.of());
    }

    public static <A> A of(Class<A> type, Map<String, ?> values) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            switch (method.getName()) {
                case "annotationType":
                    return type;
                case "toString":
                    return type.getSimpleName() + copy;
                case "hashCode":
                    return System.identityHashCode(self);
                case "equals":
                    return self == args[0];
                default:
                    return copy.containsKey(method.getName()) ? copy.get(method.getName()) : required(method);
            }
        });
        return type.cast(proxy);
    }

    /** Every attribute's default, by name: what metatype offers an installer who configures nothing. */
    public static Map<String, Object> defaultValues(Class<?> type) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (Method method : type.getDeclaredMethods()) {
            defaults.put(method.getName(), required(method));
        }
        return defaults;
    }

    private static Object required(Method method) {
        Object value = method.getDefaultValue();
        if (value == null) {
            throw new IllegalArgumentException(method.getName() + " has no default and was not configured");
        }
        return value;
    }
}
