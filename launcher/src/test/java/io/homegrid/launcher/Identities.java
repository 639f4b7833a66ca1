package io.homegrid.launcher;

import io.homegrid.security.test.AccessFixture;

/** The {@code Authorization} header values a test client sends: a gateway's own, or an operator's. */
interface Identities {

    String gateway(String gateway);

    String operator();

    /** Straight through a backend's access service, in the test's JVM. */
    static Identities of(EmbeddedBackend backend) {
        AccessFixture fixture = AccessFixture.around(backend.access());
        return new Identities() {
            @Override
            public String gateway(String gateway) {
                return fixture.gateway(gateway);
            }

            @Override
            public String operator() {
                return fixture.operator();
            }
        };
    }
}
