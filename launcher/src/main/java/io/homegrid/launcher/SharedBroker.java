package io.homegrid.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import io.homegrid.bus.BusCredentials;
import io.homegrid.bus.BusSettings;

/**
 * The broker several backend instances share (issue 18), and the services user they log in as:
 * the one {@code ./homegrid broker} runs. Its password comes from a file, never the command line.
 *
 * @param url an ActiveMQ URL, {@code failover:(tcp://…)} so that instances ride out a broker restart
 */
public record SharedBroker(String url, BusCredentials services) {

    public SharedBroker {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(services, "services");
    }

    /** The services user with the password kept in {@code passwordFile}. */
    public static SharedBroker at(String url, Path passwordFile) {
        try {
            return new SharedBroker(url, new BusCredentials(BusSettings.DEFAULT_SERVICES_USER,
                    Files.readString(passwordFile).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the broker's services password from " + passwordFile, e);
        }
    }

    /** What the instance's bus connects with: no broker of its own. */
    BusSettings bus() {
        return BusSettings.external(url, services);
    }
}
