package io.homegrid.gateway.xbee.connector;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A node discovery running when the radio vanishes (in a test, or at the end of the previous one)
 * ends in the library's own thread with InterfaceNotOpenException: a lost radio, not a failure of
 * the adapter, so awaiting must not fail on it.
 */
public final class RadioThreadsMayDie implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Awaitility.reset();
    }
}
