package io.homegrid.testing.osgi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A test-side builder for a component's configuration annotation, the way OpenEMS tests its
 * components ({@code MyConfig}): every attribute answers its metatype default unless the test
 * sets it, so a component can be activated without a container.
 *
 * <pre>{@code ParserConfig config = ComponentConfig.of(ParserConfig.class).with("consumers", 3).build();}</pre>
 */
public final class ComponentConfig<A extends Annotation> {

    private final Class<A> type;
    private final Map<String, Object> values = new HashMap<>();

    private ComponentConfig(Class<A> type) {
        this.type = type;
    }

    public static <A extends Annotation> ComponentConfig<A> of(Class<A> type) {
        return new ComponentConfig<>(type);
    }

    /** The annotation with only its own defaults. */
    public static <A extends Annotation> A defaults(Class<A> type) {
        return of(type).build();
    }

    /**
     * The annotation as DS maps a component's properties onto it: attributes named by a property
     * take its value, the others their defaults, and properties no attribute names are left out.
     */
    public static <A extends Annotation> A build(Class<A> type, Map<String, ?> properties) {
        ComponentConfig<A> config = of(type);
        Map<String, Object> attributes = defaultValues(type);
        properties.forEach((name, value) -> {
            if (attributes.containsKey(name)) {
                config.with(name, value);
            }
        });
        return config.build();
    }

    public ComponentConfig<A> with(String attribute, Object value) {
        try {
            type.getDeclaredMethod(attribute);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getSimpleName() + " has no attribute " + attribute, e);
        }
        values.put(attribute, value);
        return this;
    }

    /** Every attribute and its default value, as metatype would offer them. */
    public static Map<String, Object> defaultValues(Class<? extends Annotation> type) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (Method method : type.getDeclaredMethods()) {
            defaults.put(method.getName(), method.getDefaultValue());
        }
        return defaults;
    }

    public A build() {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            switch (method.getName()) {
                case "annotationType":
                    return type;
                case "toString":
                    return type.getSimpleName() + values;
                case "hashCode":
                    return System.identityHashCode(self);
                case "equals":
                    return self == args[0];
                default:
                    Object value = values.containsKey(method.getName()) ? values.get(method.getName())
                            : method.getDefaultValue();
                    if (value == null) {
                        throw new IllegalStateException(type.getSimpleName() + "." + method.getName() + " has no default");
                    }
                    return value;
            }
        });
        return type.cast(proxy);
    }
}
