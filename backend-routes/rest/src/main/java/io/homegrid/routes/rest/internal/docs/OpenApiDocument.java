package io.homegrid.routes.rest.internal.docs;

import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import javax.ws.rs.HttpMethod;
import javax.ws.rs.Path;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI 3 document of the REST API, generated from the resource classes' JAX-RS annotations
 * by swagger-core's reader (the one CXF's OpenAPI feature runs), once: the resources do not change
 * while the server runs.
 */
public final class OpenApiDocument {

    static final String BEARER = "bearer";
    static final String BASIC = "basic";
    /** The version of the API the document describes (its paths' {@code v1}), not of the build. */
    static final String API_VERSION = "1";

    private OpenApiDocument() {
    }

    /**
     * @param resources the resource classes the server publishes
     * @param isPublic  whether a resource method answers without credentials
     */
    public static String json(List<Class<?>> resources, Predicate<Method> isPublic) {
        OpenAPI base = new OpenAPI().info(new Info().title("homegrid API").version(API_VERSION)
                .description("The Data Push Interface for gateways and the Aggregate Sensing/Actuation Interface for "
                        + "applications. Errors answer {\"status\", \"field\", \"reason\"}; every operation but the "
                        + "public ones needs an access token (POST /api/v1/auth/token) or Basic credentials.")
                .license(new License().name("Apache-2.0")));
        base.schemaRequirement(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT"));
        base.schemaRequirement(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("a user's name and password, or a gateway's id and secret"));
        base.addSecurityItem(new SecurityRequirement().addList(BEARER)).addSecurityItem(new SecurityRequirement().addList(BASIC));
        Reader reader = new Reader(new SwaggerConfiguration().openAPI(base).prettyPrint(true).readAllResources(true));
        OpenAPI api = reader.read(new LinkedHashSet<>(resources));
        openPublicOperations(api, resources, isPublic);
        try {
            return Json.pretty().writeValueAsString(api);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the OpenAPI document does not serialise", e);
        }
    }

    /** Public operations (health, logging in, these documents) need no credentials: an empty requirement says so. */
    private static void openPublicOperations(OpenAPI api, List<Class<?>> resources, Predicate<Method> isPublic) {
        for (Class<?> type : resources) {
            for (Method method : type.getMethods()) {
                String verb = verb(method);
                if (verb == null || !isPublic.test(method)) {
                    continue;
                }
                PathItem item = api.getPaths() == null ? null : api.getPaths().get(template(type, method));
                Operation operation = item == null ? null : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(verb));
                if (operation != null) {
                    operation.setSecurity(List.of());
                }
            }
        }
    }

    private static String verb(Method method) {
        for (var annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** The path as the reader writes it: class and method paths joined, parameters without their patterns. */
    static String template(Class<?> type, Method method) {
        Path outer = type.getAnnotation(Path.class);
        Path inner = method.getAnnotation(Path.class);
        String path = "/" + (outer == null ? "" : outer.value()) + "/" + (inner == null ? "" : inner.value());
        path = path.replaceAll("\\{\\s*([^:}\\s]+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Method and path of every operation in a document, for tests and logs. */
    static Set<String> operations(OpenAPI api) {
        Set<String> operations = new LinkedHashSet<>();
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            path.getValue().readOperationsMap().keySet().forEach(verb -> operations.add(verb + " " + path.getKey()));
        }
        return operations;
    }
}
