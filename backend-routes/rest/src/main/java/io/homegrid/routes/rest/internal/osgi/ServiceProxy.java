package io.homegrid.routes.rest.internal.osgi;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

/**
 * Stands in for an optional OSGi service that may come and go (its bundle being redeployed):
 * calls go to the current service, or fail with {@code absent} while there is none. The REST
 * API keeps answering pushes while the persistence bundle is replaced.
 */
final class ServiceProxy {

    private ServiceProxy() {
    }

    static <T> T of(Class<T> type, Supplier<T> current, Supplier<RuntimeException> absent) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(ServiceProxy.class, args);
            }
            T target = current.get();
            if (target == null) {
                throw absent.get();
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return type.cast(proxy);
    }
}
