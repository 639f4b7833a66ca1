package io.homegrid.routes.rest.internal.docs;

import java.util.List;
import java.util.function.Supplier;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import io.homegrid.routes.rest.internal.Public;

/**
 * {@code GET /api/v1/openapi.json}: the API's OpenAPI 3 document. Public, like any API's
 * description: it names operations and their shapes, no data.
 */
@Path("/api/v1/openapi.json")
public final class OpenApiResource {

    private final Supplier<String> document;

    /** @param resources the class of every resource the server publishes, this one included */
    public OpenApiResource(List<Class<?>> resources) {
        List<Class<?>> classes = List.copyOf(resources);
        this.document = new Memo<>(() -> OpenApiDocument.json(classes, Public.ON));
    }

    @GET
    @Public
    @Produces(MediaType.APPLICATION_JSON)
    public String document() {
        return document.get();
    }

    /** Built at the first request, not at start: reading every resource takes swagger-core a while. */
    private static final class Memo<T> implements Supplier<T> {
        private final Supplier<T> source;
        private volatile T value;

        Memo(Supplier<T> source) {
            this.source = source;
        }

        @Override
        public T get() {
            T present = value;
            if (present == null) {
                synchronized (this) {
                    if (value == null) {
                        value = source.get();
                    }
                    present = value;
                }
            }
            return present;
        }
    }
}
