package io.homegrid.gateway.api.test;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * A bundle context that only records the services registered with it, and whether they were
 * unregistered again; any other call fails, so a test notices a component needing more.
 */
public final class StubBundleContext {

    /** One registration: the service's interfaces and the object offered. */
    public record Registered(List<String> classes, Object service, AtomicBoolean unregistered) {

        public boolean active() {
            return !unregistered.get();
        }
    }

    private final List<Registered> registered = new CopyOnWriteArrayList<>();
    private final BundleContext context = (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
            new Class<?>[] {BundleContext.class}, (self, method, args) -> {
                if (!method.getName().equals("registerService")) {
                    throw new UnsupportedOperationException("StubBundleContext." + method.getName());
                }
                List<String> classes = args[0] instanceof String[] names ? List.of(names)
                        : args[0] instanceof Class<?> type ? List.of(type.getName()) : List.of((String) args[0]);
                Registered registration = new Registered(classes, args[1], new AtomicBoolean());
                registered.add(registration);
                return registration(registration);
            });

    public BundleContext context() {
        return context;
    }

    public List<Registered> registered() {
        return List.copyOf(registered);
    }

    /** The active registration offering this interface. */
    public <T> Optional<T> service(Class<T> type) {
        return registered.stream().filter(r -> r.active() && r.classes().contains(type.getName()))
                .map(r -> type.cast(r.service())).findFirst();
    }

    private static ServiceRegistration<?> registration(Registered registered) {
        return (ServiceRegistration<?>) Proxy.newProxyInstance(ServiceRegistration.class.getClassLoader(),
                new Class<?>[] {ServiceRegistration.class}, (self, method, args) -> {
                    if (!method.getName().equals("unregister")) {
                        throw new UnsupportedOperationException("ServiceRegistration." + method.getName());
                    }
                    registered.unregistered().set(true);
                    return null;
                });
    }
}
