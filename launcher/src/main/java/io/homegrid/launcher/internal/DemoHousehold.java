package io.homegrid.launcher.internal;

import java.nio.file.Path;
import java.time.ZoneId;

import io.homegrid.security.AccessControl;
import io.homegrid.security.AccessService;
import io.homegrid.security.GatewayRegistration;
import io.homegrid.security.Household;
import io.homegrid.security.OwnerOnlyFile;
import io.homegrid.security.Role;

/**
 * What {@code ./homegrid demo} sets up through the directory, as an administrator would through
 * the API: a household, its gateway {@value #GATEWAY} with a fresh secret at every start, and a
 * resident whose generated password is kept owner-only in the data directory.
 */
public final class DemoHousehold {

    public static final String GATEWAY = "gw-demo";
    public static final String RESIDENT = "demo";
    private static final String HOUSEHOLD_NAME = "Demo household";

    /**
     * @param passwordFile where the resident's password is kept, so the README's examples read it
     */
    public record Setup(String household, String gatewaySecret, Path passwordFile) {
    }

    private DemoHousehold() {
    }

    public static Setup ensure(AccessControl access, Path dataDir) {
        Household household = access.directory().households().stream()
                .filter(h -> h.name().equals(HOUSEHOLD_NAME)).findFirst()
                .orElseGet(() -> access.directory().createHousehold(HOUSEHOLD_NAME, ZoneId.of("Europe/Berlin")));
        String secret = access.directory().gateway(GATEWAY).isPresent() ? access.directory().rotateSecret(GATEWAY)
                : access.directory().registerGateway(new GatewayRegistration(GATEWAY, household.id(), "Demo gateway",
                        "simulated plugs", 52.52, 13.405, true, null, null));
        Path passwordFile = dataDir.resolve("demo.password");
        if (access.directory().users(household.id()).stream().noneMatch(user -> user.username().equals(RESIDENT))) {
            String password = AccessService.newPassword();
            access.directory().createUser(RESIDENT, password, Role.RESIDENT, household.id());
            OwnerOnlyFile.write(passwordFile, password);
        }
        return new Setup(household.id(), secret, passwordFile.toAbsolutePath());
    }
}
