package io.homegrid.testing.osgi;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Just enough of a {@link BundleContext} for a DS component activated by a test: it records the
 * services the component registers and whether they were unregistered. Anything else a
 * component asks of it fails the test loudly.
 */
public final class StubBundleContext {

    /** One {@code registerService} call. */
    public record Registration(List<String> interfaces, Object service, Dictionary<String, Object> properties) {
    }

    private final List<Registration> registered = new CopyOnWriteArrayList<>();
    private final List<Registration> unregistered = new CopyOnWriteArrayList<>();
    private final BundleContext context;

    public StubBundleContext() {
        context = (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (self, method, args) -> {
                    switch (method.getName()) {
                        case "registerService":
                            return register(args);
                        case "toString":
                            return "StubBundleContext" + registered;
                        case "hashCode":
                            return System.identityHashCode(self);
                        case "equals":
                            return self == args[0];
                        default:
                            throw new UnsupportedOperationException("StubBundleContext." + method.getName());
                    }
                });
    }

    public BundleContext context() {
        return context;
    }

    public List<Registration> registered() {
        return List.copyOf(registered);
    }

    public List<Registration> unregistered() {
        return List.copyOf(unregistered);
    }

    /** The service registered under this interface; fails when there is none. */
    public <T> T service(Class<T> type) {
        return registered.stream().filter(r -> r.interfaces().contains(type.getName())).map(r -> type.cast(r.service()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type.getName() + " registered: " + registered));
    }

    /** The service registered under this interface and not unregistered since, if any. */
    public <T> Optional<T> active(Class<T> type) {
        return registered.stream().filter(r -> !unregistered.contains(r) && r.interfaces().contains(type.getName()))
                .map(r -> type.cast(r.service())).findFirst();
    }

    @SuppressWarnings("unchecked")
    private ServiceRegistration<?> register(Object[] args) {
        List<String> interfaces;
        if (args[0] instanceof String name) {
            interfaces = List.of(name);
        } else if (args[0] instanceof String[] names) {
            interfaces = List.of(names);
        } else {
            interfaces = List.of(((Class<?>) args[0]).getName());
        }
        Registration registration = new Registration(interfaces, args[1], (Dictionary<String, Object>) args[2]);
        registered.add(registration);
        return (ServiceRegistration<?>) Proxy.newProxyInstance(ServiceRegistration.class.getClassLoader(),
                new Class<?>[] {ServiceRegistration.class}, (self, method, margs) -> {
                    if ("unregister".equals(method.getName())) {
                        unregistered.add(registration);
                        return null;
                    }
                    if ("toString".equals(method.getName())) {
                        return "Registration" + interfaces;
                    }
                    throw new UnsupportedOperationException("ServiceRegistration." + method.getName());
                });
    }
}
